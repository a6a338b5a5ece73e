package io.loonflow.bpmn.automation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.loonflow.bpmn.notice.StandardWebhookSigner;
import org.springframework.stereotype.Component;

/**
 * Posts hook bodies with loonflow's {@code signature}/{@code timestamp} headers over one shared HTTP client.
 * Called only from engine jobs. Every call is bounded: connect and overall timeouts, a maximum answer size and a
 * maximum number of calls in flight (a call finding none free fails at once, so the engine retries it later
 * instead of parking more job threads on a slow target). Nothing here logs or reports the token or signature.
 */
@Component
class HookClient {

    private final HttpClient http;
    private final HookProperties properties;
    private final Clock clock;
    private final Semaphore slots;

    HookClient(HookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.slots = new Semaphore(properties.maxConcurrent());
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The answer's status and body text; throws {@link HookFailure} when there is no complete answer.
     * {@code messageId} is the call's stable id (the same for every retry), sent as {@code webhook-id}.
     */
    Answer post(URI url, String token, String body, String messageId) {
        if (!slots.tryAcquire()) {
            throw new HookFailure("hook not sent: " + properties.maxConcurrent()
                    + " hook calls already in flight (loonflow.hooks.max-concurrent); retried later");
        }
        try {
            long now = clock.instant().getEpochSecond();
            String timestamp = Long.toString(now);
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("signature", signature(timestamp, token))
                    .header("timestamp", timestamp)
                    .header("webhook-id", messageId);
            standardWebhooksSigner(token).ifPresent(signer -> {
                request.header("webhook-timestamp", timestamp);
                request.header("webhook-signature", signer.signature(messageId, now, body));
            });
            CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(
                    request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    info -> new LimitedBody(properties.maxResponseBytes()));
            HttpResponse<byte[]> response = await(exchange);
            return new Answer(response.statusCode(), new String(response.body(), charset(response)));
        } finally {
            slots.release();
        }
    }

    /** The hook's own {@code whsec_} token, else the configured secret, else none (loonflow's headers only). */
    private Optional<StandardWebhookSigner> standardWebhooksSigner(String token) {
        if (StandardWebhookSigner.isSecret(token)) {
            return Optional.of(new StandardWebhookSigner(token));
        }
        String configured = properties.standardWebhooksSecret();
        return configured.isEmpty() ? Optional.empty() : Optional.of(new StandardWebhookSigner(configured));
    }

    /** Hook calls in flight now (for the metrics). */
    int inFlight() {
        return properties.maxConcurrent() - slots.availablePermits();
    }

    /** loonflow's signature: lowercase hex MD5 of the timestamp text followed by the token. */
    static String signature(String timestamp, String token) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> exchange) {
        // the request timeout stops waiting for the headers; this bounds the body too
        long millis = properties.requestTimeout().toMillis();
        try {
            return exchange.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HookFailure("hook failed: no complete answer within " + millis + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new HookFailure("hook failed: interrupted while waiting for the answer");
        } catch (ExecutionException e) {
            throw ioFailure(e.getCause() == null ? e : e.getCause(), millis);
        }
    }

    private HookFailure ioFailure(Throwable cause, long millis) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new HookFailure("hook failed: could not connect within "
                    + properties.connectTimeout().toMillis() + " ms", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new HookFailure("hook failed: no answer within " + millis + " ms", cause);
        }
        if (cause instanceof ConnectException) {
            return new HookFailure("hook failed: connection refused or unreachable", cause);
        }
        String text = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return new HookFailure("hook failed: " + cause.getClass().getSimpleName() + text, cause);
    }

    private static Charset charset(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int at = type.toLowerCase().indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + 8).split(";")[0].trim().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    record Answer(int status, String body) {
    }

    /** Collects the answer body up to a limit; a bigger answer fails the exchange. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (bytes.size() + item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("answer larger than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
