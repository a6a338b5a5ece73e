package io.loonflow.bpmn.definition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.TextNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Rules;
import io.loonflow.bpmn.api.Values;
import org.springframework.web.multipart.MultipartFile;

/**
 * The form of POST {@code /run_scripts} (and its update): {@code script_name}, {@code script_desc},
 * {@code is_active} and the {@code file}. The file must be a UTF-8 {@code .py} text of bounded size; it is stored,
 * never run here.
 */
record WorkflowScriptUpload(String name, String description, boolean active, String savedName, String content) {

    static final int MAX_BYTES = 256 * 1024;

    /** {@code requireFile}: creation needs a file, an update may keep the current one. */
    static WorkflowScriptUpload of(String name, String description, String active, MultipartFile file,
                                   boolean requireFile) {
        if (name == null || name.isEmpty()) {
            throw ApiException.invalidParameter("script_name is needed");
        }
        Rules.checkLength("script_name", name, 50);
        String desc = description == null ? "" : description;
        Rules.checkLength("script_desc", desc, 100);
        boolean isActive = active != null && !active.isEmpty() && Values.toBoolean("is_active", new TextNode(active));
        if (file == null) {
            if (requireFile) {
                throw ApiException.invalidParameter("file is needed");
            }
            return new WorkflowScriptUpload(name, desc, isActive, null, null);
        }
        String original = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        if (!original.toLowerCase(Locale.ROOT).endsWith(".py")) {
            throw ApiException.invalidParameter("file must be a .py script");
        }
        if (file.isEmpty()) {
            throw ApiException.invalidParameter("file is empty");
        }
        if (file.getSize() > MAX_BYTES) {
            throw ApiException.invalidParameter("file is larger than " + MAX_BYTES + " bytes");
        }
        return new WorkflowScriptUpload(name, desc, isActive,
                "workflow_script/" + UUID.randomUUID() + ".py", utf8(file));
    }

    private static String utf8(MultipartFile file) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalidParameter("file must be UTF-8 text");
        } catch (IOException e) {
            throw ApiException.invalidParameter("file could not be read");
        }
    }
}
