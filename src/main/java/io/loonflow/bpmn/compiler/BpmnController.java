package io.loonflow.bpmn.compiler;

import java.nio.charset.StandardCharsets;

import io.loonflow.bpmn.api.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1.0/workflows/{id}/bpmn}: the workflow as BPMN 2.0 XML with diagram, for modelers. */
@RestController
class BpmnController {

    private static final MediaType XML = new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8);

    private final BpmnDiagramService diagrams;

    BpmnController(BpmnDiagramService diagrams) {
        this.diagrams = diagrams;
    }

    @GetMapping("/api/v1.0/workflows/{workflowId:\\d+}/bpmn")
    ResponseEntity<byte[]> bpmn(@PathVariable long workflowId, Caller caller) {
        return ResponseEntity.ok().contentType(XML).body(diagrams.xml(caller, workflowId).getBytes(StandardCharsets.UTF_8));
    }
}
