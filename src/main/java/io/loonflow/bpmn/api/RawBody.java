package io.loonflow.bpmn.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The raw request body of an API call, whatever the Content-Type says. loonflow parses the
 * payload itself, and its console posts JSON labelled {@code application/x-www-form-urlencoded}; Spring's
 * {@code @RequestBody} would hand such a POST over re-encoded as form parameters instead.
 * <p>
 * Declare it as a controller parameter <em>before</em> the path variables ({@link WebConfig} resolves it): the body is then consumed even when a path id fails to convert, so the server answers in the
 * envelope instead of dropping the connection over an unread upload.
 */
public final class RawBody {

    /** Far above any definition body; keeps a broken client from making us buffer without end. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** An oversized body is read and discarded up to this size so the answer still reaches the client. */
    private static final long DRAIN_BYTES = 64L * 1024 * 1024;

    private final String text;
    private final boolean oversized;

    private RawBody(String text, boolean oversized) {
        this.text = text;
        this.oversized = oversized;
    }

    /** The body text; a body above {@link #MAX_BYTES} is a code -1 failure. */
    public String text() {
        if (oversized) {
            throw ApiException.invalidParameter("request body is larger than " + MAX_BYTES + " bytes");
        }
        return text;
    }

    public static RawBody read(HttpServletRequest request) {
        byte[] bytes;
        try {
            InputStream in = request.getInputStream();
            bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                byte[] discard = new byte[8192];
                long drained = 0;
                int n;
                while (drained < DRAIN_BYTES && (n = in.read(discard)) >= 0) {
                    drained += n;
                }
                return new RawBody(null, true);
            }
        } catch (IOException e) {
            throw ApiException.invalidParameter("request body could not be read");
        }
        Charset charset = StandardCharsets.UTF_8;
        String declared = request.getCharacterEncoding();
        if (declared != null && Charset.isSupported(declared)) {
            charset = Charset.forName(declared);
        }
        return new RawBody(new String(bytes, charset), false);
    }
}
