package io.loonflow.bpmn.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

class ApiAuthenticationTest extends IntegrationTest {

    private static final String ANY_API = "/api/v1.0/workflows";

    @Test
    void missingAppnameIsRejectedWithLoonflowsEnvelope() {
        ApiClient.Response response = api().get(ANY_API);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(-1);
        assertThat(response.msg()).isEqualTo("permission check fail：appname is not provide in request header");
        assertThat(response.data().isArray()).isTrue();
        assertThat(response.data()).isEmpty();
        assertThat(response.body()).startsWith("{\"code\":-1,\"msg\":");
        assertThat(response.body().toLowerCase()).contains("\\uff1a").doesNotContain("："); // escaped like Python's json.dumps
    }

    @Test
    void unknownAppIsRejected() {
        ApiClient.Response response = api().signed("nobody", "x").get(ANY_API);
        assertThat(response.msg()).isEqualTo("permission check fail：Appname:nobody in request header is unauthorized,"
                + " please contact administrator to add authorization for appname:nobody in loonflow");
    }

    @Test
    void wrongSignatureIsRejected() {
        String app = TestData.unique("app");
        data().appToken(app, "");
        ApiClient.Response response = api().signed(app, "not-the-token").get(ANY_API);
        assertThat(response.msg()).isEqualTo("permission check fail：The signature you provide in request header is invalid");
    }

    @Test
    void staleTimestampIsRejectedEvenWithTheRightSignature() {
        String app = TestData.unique("app");
        String token = data().appToken(app, "");
        String stale = String.valueOf(System.currentTimeMillis() / 1000 - 121);
        ApiClient.Response response = api().header("appname", app).header("timestamp", stale)
                .header("signature", SignatureVerifier.sign(stale, token)).get(ANY_API);
        assertThat(response.msg()).isEqualTo(
                "permission check fail：The signature you provide in request header is expire, please ensure in 120s");
    }

    @Test
    void nonNumericTimestampIsRejectedClearly() {
        String app = TestData.unique("app");
        String token = data().appToken(app, "");
        ApiClient.Response response = api().header("appname", app).header("timestamp", "soon")
                .header("signature", SignatureVerifier.sign("soon", token)).get(ANY_API);
        assertThat(response.code()).isEqualTo(-1);
        assertThat(response.msg()).startsWith("permission check fail：").contains("timestamp");
    }

    @Test
    void correctSignaturePassesTheFilter() {
        String app = TestData.unique("app");
        String token = data().appToken(app, "");
        ApiClient.Response response = api().signed(app, token).get("/api/v1.0/no-such-endpoint");
        // authenticated, so the request reaches routing and gets a plain not-found instead of a permission failure
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.msg()).doesNotContain("permission check fail");
    }
}
