package io.loonflow.bpmn.notice;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * One HTTP attempt of a notice delivery: POST of the stored body to the hook URL with loonflow's headers
 * ({@code signature} = md5(timestamp + hook_token), {@code timestamp}), the stable {@code webhook-id}, and, when
 * the notice has a Standard Webhooks secret, {@code webhook-timestamp} and {@code webhook-signature}. Accepted
 * only on HTTP 2xx with a JSON body whose {@code code} is 0.
 */
@Component
class NoticeSender {

    /** An attempt's result; {@code httpStatus} 0 when no response arrived. */
    record Outcome(boolean success, int httpStatus, String error) {
    }

    private static final int MAX_SNIPPET = 300;
    private static final int MAX_ANSWER = 64 * 1024;

    private final NoticeProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient client;
    private final StandardWebhookSigner globalSigner;

    NoticeSender(NoticeProperties properties, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.getConnectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        String global = properties.getStandardWebhooksSecret();
        if (global == null || global.isBlank()) {
            this.globalSigner = null;
        } else if (StandardWebhookSigner.isSecret(global.strip())) {
            this.globalSigner = new StandardWebhookSigner(global.strip());
        } else {
            // refuse to start rather than send unsigned or fail every delivery later
            throw new IllegalStateException("loonflow.notices.standard-webhooks-secret must be whsec_ followed by"
                    + " base64 (e.g. whsec_$(openssl rand -base64 32))");
        }
    }

    Outcome send(String deliveryId, String hookUrl, String hookToken, String body) {
        URI uri;
        try {
            uri = URI.create(hookUrl == null ? "" : hookUrl.strip());
        } catch (IllegalArgumentException e) {
            return new Outcome(false, 0, "invalid hook_url: " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
            return new Outcome(false, 0, "invalid hook_url '" + hookUrl + "': an http(s) URL is needed");
        }
        long timestamp = clock.instant().getEpochSecond();
        String token = hookToken == null ? "" : hookToken;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.getReadTimeout())
                .header("Content-Type", "application/json")
                .header("signature", md5(timestamp + token))
                .header("timestamp", String.valueOf(timestamp))
                .header("webhook-id", deliveryId);
        StandardWebhookSigner signer = StandardWebhookSigner.isSecret(token) ? new StandardWebhookSigner(token)
                : globalSigner;
        if (signer != null) {
            Map<String, String> headers = signer.headers(deliveryId, timestamp, body);
            request.header("webhook-timestamp", headers.get("webhook-timestamp"));
            request.header("webhook-signature", headers.get("webhook-signature"));
        }
        request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        // the whole exchange (connect, headers and body) is bounded, and at most MAX_ANSWER bytes are kept
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes -> {
                    synchronized (answer) {
                        int room = MAX_ANSWER - answer.size();
                        answer.write(bytes, 0, Math.max(0, Math.min(room, bytes.length)));
                    }
                })));
        HttpResponse<Void> response;
        java.time.Duration deadline = properties.getConnectTimeout().plus(properties.getReadTimeout());
        try {
            response = exchange.get(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            exchange.cancel(true);
            return new Outcome(false, 0, "no complete response within " + seconds(properties.getReadTimeout()));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                return new Outcome(false, 0, "connect timeout after " + seconds(properties.getConnectTimeout()));
            }
            if (cause instanceof HttpTimeoutException) {
                return new Outcome(false, 0, "no response within " + seconds(properties.getReadTimeout()));
            }
            return new Outcome(false, 0, "request failed: " + cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(false, 0, "interrupted (node shutting down)");
        }
        String text;
        synchronized (answer) {
            text = answer.toString(StandardCharsets.UTF_8);
        }
        return judge(response.statusCode(), text);
    }

    private Outcome judge(int status, String body) {
        if (status < 200 || status >= 300) {
            return new Outcome(false, status, "HTTP " + status + ": " + snippet(body));
        }
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return new Outcome(false, status, "HTTP " + status + " but the answer is not a JSON object: " + snippet(body));
        }
        JsonNode code = answer.get("code");
        if (code != null && code.isNumber() && code.decimalValue().signum() == 0) {
            return new Outcome(true, status, "");
        }
        return new Outcome(false, status, "HTTP " + status + " but code is " + (code == null ? "missing" : code)
                + ": " + snippet(body));
    }

    static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String snippet(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        return body.length() <= MAX_SNIPPET ? body : body.substring(0, MAX_SNIPPET) + "...";
    }

    private static String seconds(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
