package io.loonflow.bpmn.compiler;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiResponse;
import io.loonflow.bpmn.api.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1.0/workflows/{id}/bpmn}: the workflow as BPMN 2.0 XML with diagram, for modelers. */
@RestController
class BpmnController {

    private static final MediaType XML = new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8);

    private final BpmnDiagramService diagrams;
    private final ObjectMapper json;

    BpmnController(BpmnDiagramService diagrams, ObjectMapper json) {
        this.diagrams = diagrams;
        this.json = json;
    }

    @GetMapping("/api/v1.0/workflows/{workflowId:\\d+}/bpmn")
    ResponseEntity<byte[]> bpmn(@PathVariable long workflowId, Caller caller) {
        byte[] xml = diagrams.xml(caller, workflowId).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(XML).body(xml);
    }

    /** The envelope as JSON even for callers that only accept XML (a modeler asking for the diagram). */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<byte[]> failed(ApiException e) throws JsonProcessingException {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsBytes(ApiResponse.fail(e.getMessage(), e.data())));
    }
}
