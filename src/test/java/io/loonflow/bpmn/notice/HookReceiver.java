package io.loonflow.bpmn.notice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 (random port) standing in for notice receivers: each path answers as its test
 * says, per attempt number, and every request is recorded.
 */
final class HookReceiver implements AutoCloseable {

    /** What a path answers: status, body and an optional delay before answering. */
    record Answer(int status, String body, long delayMillis) {
        static Answer ok() {
            return new Answer(200, "{\"code\": 0, \"msg\": \"\"}", 0);
        }
    }

    /** A request as received. */
    record Received(String path, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, IntFunction<Answer>> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

    HookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<Received> list = received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
            list.add(new Received(path, exchange.getRequestHeaders(), body));
            Answer answer = answers.getOrDefault(path, n -> Answer.ok()).apply(list.size());
            try {
                if (answer.delayMillis() > 0) {
                    Thread.sleep(answer.delayMillis());
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up (timeout test)
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** A URL on this server whose path answers with {@code answer(attemptNumber)} (1-based). */
    String url(String path, IntFunction<Answer> answer) {
        answers.put(path, answer);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received(String path) {
        return received.getOrDefault(path, List.of());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
