package io.loonflow.bpmn.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.loonflow.bpmn.api.SignatureVerifier;

/**
 * The benchmarks' load client: one persistent HTTP/1.1 connection (keep-alive) per simulated client, blocking
 * I/O, signed loonflow headers. The benchmark shares the machine's cores with the service, so the client must
 * cost little: the JDK's HttpClient spent more CPU per call than the service it measured (a selector thread per
 * client instance, a new connection per call in the tests' {@code ApiClient}). Not thread-safe: one per thread.
 */
final class BenchmarkHttp implements AutoCloseable {

    /** Status and body of one answer. */
    record Answer(int status, String body) {

        /** loonflow's envelope starts with the code ({@code ApiResponse} orders it first). */
        boolean ok() {
            return status == 200 && (body.startsWith("{\"code\":0,") || body.startsWith("{\"code\": 0,"));
        }

        /** A number field of the body, e.g. {@code ticket_id} (no JSON parse: the client stays cheap). */
        long number(String key) {
            int at = body.indexOf("\"" + key + "\":");
            if (at < 0) {
                throw new IllegalStateException("no " + key + " in " + body);
            }
            int i = at + key.length() + 3;
            while (body.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < body.length() && Character.isDigit(body.charAt(i))) {
                i++;
            }
            return Long.parseLong(body.substring(start, i));
        }
    }

    private final String host;
    private final int port;
    private final String appName;
    private final String token;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    BenchmarkHttp(String host, int port, String appName, String token) {
        this.host = host;
        this.port = port;
        this.appName = appName;
        this.token = token;
    }

    Answer get(String username, String path) {
        return send("GET", username, path, null);
    }

    Answer post(String username, String path, String json) {
        return send("POST", username, path, json);
    }

    Answer patch(String username, String path, String json) {
        return send("PATCH", username, path, json);
    }

    Answer send(String method, String username, String path, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("appname: ").append(appName).append("\r\n")
                .append("timestamp: ").append(timestamp).append("\r\n")
                .append("signature: ").append(SignatureVerifier.sign(timestamp, token)).append("\r\n")
                .append("username: ").append(username).append("\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000); // a call slower than this is reported as failed, not waited for
                in = new BufferedInputStream(socket.getInputStream(), 16384);
                out = socket.getOutputStream();
            }
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }

    private Answer read() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        }
        if (closeAfter) {
            close();
        }
        return new Answer(code, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            socket = null;
        }
    }
}
