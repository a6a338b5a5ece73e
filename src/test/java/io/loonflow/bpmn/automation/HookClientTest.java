package io.loonflow.bpmn.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.loonflow.bpmn.automation.HookTarget.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hook HTTP client, body and success rule against a real HTTP server on 127.0.0.1. */
class HookClientTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private HookTarget target;

    @BeforeEach
    void start() throws Exception {
        target = new HookTarget();
    }

    @AfterEach
    void stop() {
        target.close();
    }

    private static HookClient client(Duration timeout, int maxConcurrent, int maxBytes) {
        return new HookClient(new HookProperties(Duration.ofSeconds(2), timeout, maxConcurrent, maxBytes, ""), CLOCK);
    }

    private static HookClient client() {
        return client(Duration.ofSeconds(5), 4, 1 << 20);
    }

    @Test
    void postsTheBodyWithLoonflowsSignatureHeaders() {
        target.on("/ok", Answer.json(200, "{\"code\": 0, \"msg\": \"已收到\"}"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", 7);
        body.put("title", "工单");
        body.put("tags", List.of(1, 2));
        body.put("unset", null);

        HookClient.Answer answer = client().post(URI.create(target.url("/ok")), "secret",
                PythonStyleJson.write(JSON, body), "hook_7_job1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(HookReply.judge(answer.status(), answer.body(), JSON).msg()).isEqualTo("已收到");
        HookTarget.Request request = target.requests("/ok").get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("timestamp")).isEqualTo("1700000000");
        // md5("1700000000" + "secret"), as Python's hashlib computes it
        assertThat(request.header("signature")).isEqualTo("4639dc588670101013c09d854e44d8c6");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("webhook-id")).isEqualTo("hook_7_job1");
        assertThat(request.header("webhook-signature")).as("no Standard Webhooks secret configured").isNull();
        assertThat(request.body())
                .isEqualTo("{\"id\": 7, \"title\": \"\\u5DE5\\u5355\", \"tags\": [1, 2], \"unset\": null}");
    }

    @Test
    void aWhsecTokenOrTheConfiguredSecretAddsStandardWebhooksHeaders() {
        target.on("/sw", Answer.json(200, "{\"code\": 0}"));
        String own = "whsec_" + java.util.Base64.getEncoder().encodeToString("own-key-0123456789".getBytes());
        client().post(URI.create(target.url("/sw")), own, "{\"id\": 1}", "hook_1_j");
        HookTarget.Request signedByToken = target.requests("/sw").get(0);
        assertThat(signedByToken.header("webhook-id")).isEqualTo("hook_1_j");
        assertThat(signedByToken.header("webhook-timestamp")).isEqualTo("1700000000");
        assertThat(signedByToken.header("webhook-signature")).isEqualTo(
                new io.loonflow.bpmn.notice.StandardWebhookSigner(own).signature("hook_1_j", 1_700_000_000L,
                        "{\"id\": 1}"));

        String global = "whsec_" + java.util.Base64.getEncoder().encodeToString("global-key-98765".getBytes());
        new HookClient(new HookProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, 1 << 20, global), CLOCK)
                .post(URI.create(target.url("/sw")), "plain-token", "{}", "hook_2_j");
        HookTarget.Request signedByConfig = target.requests("/sw").get(1);
        assertThat(signedByConfig.header("webhook-signature")).isEqualTo(
                new io.loonflow.bpmn.notice.StandardWebhookSigner(global).signature("hook_2_j", 1_700_000_000L, "{}"));
        // loonflow's own header is still there for existing receivers
        assertThat(signedByConfig.header("signature")).hasSize(32);
        assertThatThrownBy(() -> new HookProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 4, 1, "oops"))
                .hasMessageNotContaining("oops");
    }

    @Test
    void signatureIsLowercaseHexMd5OfTimestampAndToken() {
        assertThat(HookClient.signature("1700000000", "secret")).isEqualTo("4639dc588670101013c09d854e44d8c6");
    }

    @Test
    void anHttpErrorIsAFailureEvenWithCodeZero() {
        target.on("/down", Answer.json(500, "{\"code\": 0, \"msg\": \"oops\"}"));
        HookClient.Answer answer = client().post(URI.create(target.url("/down")), "t", "{}", "hook_1");
        assertThatThrownBy(() -> HookReply.judge(answer.status(), answer.body(), JSON))
                .isInstanceOf(HookFailure.class).hasMessage("hook failed: HTTP 500, code 0, msg: oops");
    }

    @Test
    void codeMinusOneIsAFailureNamingTheTargetsMsg() {
        target.on("/refuse", Answer.json(200, "{\"code\": -1, \"msg\": \"not allowed\"}"));
        HookClient.Answer answer = client().post(URI.create(target.url("/refuse")), "t", "{}", "hook_1");
        assertThatThrownBy(() -> HookReply.judge(answer.status(), answer.body(), JSON))
                .isInstanceOf(HookFailure.class).hasMessage("hook failed: HTTP 200, code -1, msg: not allowed");
    }

    @Test
    void codeZeroCountsTheWayPythonCompares() {
        assertThat(HookReply.judge(200, "{\"code\": 0}", JSON).msg()).isEmpty();
        assertThat(HookReply.judge(201, "{\"code\": 0.0, \"msg\": \"m\"}", JSON).msg()).isEqualTo("m");
        assertThat(HookReply.judge(204, "{\"code\": false, \"msg\": 5}", JSON).msg()).isEqualTo("5");
        assertThatThrownBy(() -> HookReply.judge(200, "{\"code\": \"0\"}", JSON)).hasMessageContaining("code \"0\"");
        assertThatThrownBy(() -> HookReply.judge(200, "{\"code\": true}", JSON)).hasMessageContaining("code true");
        assertThatThrownBy(() -> HookReply.judge(200, "{\"msg\": \"x\"}", JSON)).hasMessageContaining("code missing");
        assertThatThrownBy(() -> HookReply.judge(200, "[0]", JSON)).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> HookReply.judge(200, "<html>ok</html>", JSON))
                .hasMessage("hook failed: HTTP 200, the answer is not a JSON object: <html>ok</html>");
        assertThatThrownBy(() -> HookReply.judge(302, "", JSON)).hasMessage("hook failed: HTTP 302");
    }

    @Test
    void aSlowTargetFailsAfterTheConfiguredTimeout() {
        target.on("/slow", Answer.hanging());
        long started = System.nanoTime();
        assertThatThrownBy(() -> client(Duration.ofMillis(300), 4, 1 << 20)
                .post(URI.create(target.url("/slow")), "t", "{}", "hook_1"))
                .isInstanceOf(HookFailure.class).hasMessageMatching("hook failed: no (complete )?answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aDeadTargetIsAFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client().post(URI.create("http://127.0.0.1:" + closedPort + "/x"), "t", "{}", "hook_1"))
                .isInstanceOf(HookFailure.class).hasMessageStartingWith("hook failed: ")
                .hasMessageNotContaining(String.valueOf(closedPort));
    }

    @Test
    void callsBeyondTheConcurrencyBoundFailAtOnce() throws Exception {
        target.on("/slow", Answer.hanging());
        HookClient client = client(Duration.ofSeconds(20), 1, 1 << 20);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() ->
                client.post(URI.create(target.url("/slow")), "t", "{}", "hook_1"));
        assertThat(target.awaitHanging()).isTrue();
        assertThat(client.inFlight()).isOne();

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.post(URI.create(target.url("/slow")), "t", "{}", "hook_1"))
                .isInstanceOf(HookFailure.class).hasMessageContaining("1 hook calls already in flight");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(target.requests("/slow")).hasSize(1);

        target.close(); // releases the hanging answer
        first.handle((value, error) -> null).get();
        assertThat(client.inFlight()).isZero();
    }

    @Test
    void anOversizedAnswerIsAFailure() {
        target.on("/big", Answer.json(200, "{\"code\": 0, \"msg\": \"" + "x".repeat(200) + "\"}"));
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 4, 100).post(URI.create(target.url("/big")), "t", "{}", "hook_1"))
                .isInstanceOf(HookFailure.class).hasMessageContaining("answer larger than 100 bytes");
    }

    @Test
    void hookConfigReadsWaitByPythonTruthinessAndNeverPrintsTheToken() {
        HookConfig config = HookConfig.parse(
                "{\"hook_url\": \"http://127.0.0.1:1/h\", \"hook_token\": \"s3cr3t\", \"wait\": 1, \"extra_info\": {\"k\": 1}}",
                JSON);
        assertThat(config.waitForCallback()).isTrue();
        assertThat(config.token()).isEqualTo("s3cr3t");
        assertThat(config.extraInfo().path("k").asInt()).isOne();
        assertThat(config.toString()).doesNotContain("s3cr3t");

        HookConfig noWait = HookConfig.parse(
                "{\"hook_url\": \"https://example.org/h\", \"hook_token\": \"t\", \"wait\": false, \"extra_info\": null}",
                JSON);
        assertThat(noWait.waitForCallback()).isFalse();
        assertThat(noWait.extraInfo()).isNull();
        assertThat(HookConfig.parse("{\"hook_url\": \"http://h/\", \"hook_token\": \"t\", \"wait\": \"\"}", JSON)
                .waitForCallback()).isFalse();

        assertThatThrownBy(() -> HookConfig.parse("{\"hook_url\": \"ftp://h/\", \"hook_token\": \"t\"}", JSON))
                .isInstanceOf(HookFailure.class).hasMessageContaining("hook_url");
        assertThatThrownBy(() -> HookConfig.parse("not json", JSON))
                .isInstanceOf(HookFailure.class).hasMessageContaining("not a JSON object");
    }
}
