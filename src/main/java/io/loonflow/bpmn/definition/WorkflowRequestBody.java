package io.loonflow.bpmn.definition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.loonflow.bpmn.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The raw request body, whatever the Content-Type says. loonflow parses the payload itself, and its console posts
 * JSON labelled {@code application/x-www-form-urlencoded}; Spring's {@code @RequestBody} would hand such a POST
 * over re-encoded as form parameters instead.
 */
final class WorkflowRequestBody {

    /** Far above any definition body; keeps a broken client from making us buffer without end. */
    static final int MAX_BYTES = 1024 * 1024;

    private WorkflowRequestBody() {
    }

    static String read(HttpServletRequest request) {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw ApiException.invalidParameter("request body could not be read");
        }
        if (bytes.length > MAX_BYTES) {
            throw ApiException.invalidParameter("request body is larger than " + MAX_BYTES + " bytes");
        }
        Charset charset = StandardCharsets.UTF_8;
        String declared = request.getCharacterEncoding();
        if (declared != null && Charset.isSupported(declared)) {
            charset = Charset.forName(declared);
        }
        return new String(bytes, charset);
    }
}
