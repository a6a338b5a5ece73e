package io.loonflow.bpmn.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.api.SignatureVerifier;

/**
 * A real HTTP client for tests, the way a loonflow caller talks: signed headers ({@link #signed}) or a console
 * session cookie ({@link #login}). Each instance keeps its own cookies.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String appName;
    private String token;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Sign every following request as {@code appName} with a fresh timestamp. */
    public ApiClient signed(String appName, String token) {
        this.appName = appName;
        this.token = token;
        return this;
    }

    public ApiClient username(String username) {
        return header("username", username);
    }

    public ApiClient header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Logs in through the API; the session cookie is kept for later calls. */
    public Response login(String username, String password) {
        return post("/api/v1.0/accounts/login",
                "{\"username\": " + quote(username) + ", \"password\": " + quote(password) + "}");
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, String body) {
        return send("POST", path, body);
    }

    public Response patch(String path, String body) {
        return send("PATCH", path, body);
    }

    public Response put(String path, String body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, String body) {
        return sendRaw(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? null : "application/json");
    }

    /** A {@code multipart/form-data} POST with text fields and, when {@code fileName} is not null, one file part. */
    public Response postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
                                  byte[] fileContent) {
        String boundary = "----loonflowtest" + System.nanoTime();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (fileName != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(fileContent);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return sendRaw("POST", path, out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /** Sends {@code body} (null = none) labelled with {@code contentType} (null = no Content-Type header). */
    public Response sendRaw(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (appName != null) {
            String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
            request.header("appname", appName).header("timestamp", timestamp)
                    .header("signature", SignatureVerifier.sign(timestamp, token));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response; {@link #json()} parses the body. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        public int code() {
            return json().path("code").asInt(Integer.MIN_VALUE);
        }

        public JsonNode data() {
            return json().path("data");
        }

        public String msg() {
            return json().path("msg").asText();
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }
}
