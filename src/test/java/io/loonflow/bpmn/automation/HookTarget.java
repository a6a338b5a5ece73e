package io.loonflow.bpmn.automation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 (random port) standing in for a hook target. Each path answers what the test
 * scripted for it, in order (the last answer repeats); every request is recorded with its headers and body.
 * A "hang" answer holds the exchange until {@link #close()}, to exceed the client's timeout without sleeping.
 */
final class HookTarget implements AutoCloseable {

    record Request(String method, String path, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    record Answer(int status, String body, boolean hangs) {
        static Answer json(int status, String body) {
            return new Answer(status, body, false);
        }

        static Answer hanging() {
            return new Answer(200, "{\"code\": 0}", true);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch hanging = new CountDownLatch(1);

    HookTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
            Answer answer = next(path);
            try {
                if (answer.hangs()) {
                    hanging.countDown();
                    release.await(60, TimeUnit.SECONDS);
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up (timeout): nothing to answer
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Scripts the answers of {@code path}, in order; the last one repeats. */
    HookTarget on(String path, Answer... scripted) {
        answers.put(path, new CopyOnWriteArrayList<>(List.of(scripted)));
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until a hanging answer holds a request (so a concurrent call surely finds its slot taken). */
    boolean awaitHanging() throws InterruptedException {
        return hanging.await(10, TimeUnit.SECONDS);
    }

    private Answer next(String path) {
        List<Answer> scripted = answers.get(path);
        if (scripted == null || scripted.isEmpty()) {
            return Answer.json(404, "{\"code\": -1, \"msg\": \"no such hook\"}");
        }
        return scripted.size() > 1 ? scripted.remove(0) : scripted.get(0);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
