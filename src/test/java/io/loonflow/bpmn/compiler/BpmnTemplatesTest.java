package io.loonflow.bpmn.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The reviewed fragments in {@code bpmn-templates/} (outside the classpath: the engine would deploy them) are what
 * the compiler produces for a minimal workflow per construct: same process elements, ids, attributes and
 * conditions. Their diagrams must cover every element without overlaps. Run with
 * {@code -Dloonflow.templates.write=true} to rewrite them from the compiler (then review the diff).
 */
class BpmnTemplatesTest {

    private static final Path TEMPLATES = Path.of("bpmn-templates");

    static Stream<Arguments> constructs() {
        return Stream.of(
                Arguments.of("user-task-state", new WorkflowDraft(1, "user task state")
                        .start(1, "draft").normal(2, "approve").end(3, "done")
                        .transition(1, "submit", 1, 2).transition(2, "agree", 2, 3).transition(3, "refuse", 2, 1)),
                Arguments.of("hook-state", new WorkflowDraft(1, "hook state without wait")
                        .start(1, "draft").hook(2, "notify", false).end(3, "done")
                        .transition(1, "submit", 1, 2).transition(2, "notified", 2, 3)),
                Arguments.of("hook-state-wait", new WorkflowDraft(1, "hook state with wait")
                        .start(1, "draft").hook(2, "ask", true).end(3, "done")
                        .transition(1, "submit", 1, 2).transition(2, "answered", 2, 3)),
                Arguments.of("script-state", new WorkflowDraft(1, "script state")
                        .start(1, "draft").script(2, "compute").end(3, "done")
                        .transition(1, "submit", 1, 2).transition(2, "computed", 2, 3)),
                Arguments.of("timer-transition", new WorkflowDraft(1, "timer transition")
                        .start(1, "draft").normal(2, "approve").end(3, "done").end(4, "expired")
                        .transition(1, "submit", 1, 2).transition(2, "agree", 2, 3)
                        .timer(3, "expire after an hour", 2, 4, 3600)),
                Arguments.of("conditional-transition", new WorkflowDraft(1, "conditional transition")
                        .start(1, "draft").normal(2, "approve").normal(3, "director").normal(4, "manager")
                        .end(5, "done")
                        .conditional(1, "submit", 1, 4, "[{\"expression\": \"{days} > 10\", \"target_state_id\": 3},"
                                + " {\"expression\": \"{days} > 3\", \"target_state_id\": 2}]")
                        .transition(2, "agree", 2, 5).transition(3, "agree", 3, 5).transition(4, "agree", 4, 5)),
                Arguments.of("end-state", new WorkflowDraft(1, "end state")
                        .start(1, "draft").end(2, "done").end(3, "cancelled")
                        .transition(1, "submit", 1, 2).transition(2, "cancel", 1, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void templateMatchesTheCompilerOutput(String name, WorkflowDraft draft) throws Exception {
        Compilation compilation = draft.compile();
        assertThat(compilation.warnings()).isEmpty();
        Path file = TEMPLATES.resolve(name + ".bpmn");
        if (Boolean.getBoolean("loonflow.templates.write")) {
            Files.writeString(file, compilation.xml(), StandardCharsets.UTF_8);
        }
        assertThat(file).as("template %s", file.toAbsolutePath()).exists();
        String template = Files.readString(file, StandardCharsets.UTF_8);

        assertThat(canonical(template, "process")).isEqualTo(canonical(compilation.xml(), "process"));
        assertThat(canonical(template, "message")).isEqualTo(canonical(compilation.xml(), "message"));

        BpmnModelInstance model = Bpmn.readModelFromStream(Files.newInputStream(file));
        DiagramChecks diagram = new DiagramChecks(model);
        String pictures = System.getProperty("loonflow.diagram.png.dir");
        if (pictures != null) {
            DiagramPng.write(diagram, new java.io.File(pictures, name + ".png"));
        }
        diagram.assertClean();
    }

    @org.junit.jupiter.api.Test
    void everyTemplateIsCoveredAndExplained() throws IOException {
        List<String> expected = constructs().map(arguments -> arguments.get()[0] + ".bpmn").sorted().toList();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(n -> n.endsWith(".bpmn")).sorted())
                    .containsExactlyElementsOf(expected);
        }
        String readme = Files.readString(TEMPLATES.resolve("README.md"), StandardCharsets.UTF_8);
        expected.forEach(file -> assertThat(readme).contains(file));
    }

    /** Elements named {@code localName} (BPMN namespace) as indented lines: tag, sorted attributes, trimmed text. */
    private static String canonical(String xml, String localName) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        StringBuilder out = new StringBuilder();
        var found = document.getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/MODEL", localName);
        for (int i = 0; i < found.getLength(); i++) {
            write((Element) found.item(i), 0, out);
        }
        return out.toString();
    }

    private static void write(Element element, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append('{').append(element.getNamespaceURI()).append('}')
                .append(element.getLocalName());
        NamedNodeMap attributes = element.getAttributes();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if ("http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                continue;
            }
            String value = attribute.getValue();
            if (attribute.getLocalName().equals("type") && value.contains(":")) {
                value = value.substring(value.indexOf(':') + 1); // xsi:type prefixes may differ
            }
            String ns = attribute.getNamespaceURI() == null ? "" : "{" + attribute.getNamespaceURI() + "}";
            pairs.add(ns + attribute.getLocalName() + "=" + value);
        }
        pairs.sort(null);
        out.append(' ').append(pairs);
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        if (!text.toString().isBlank()) {
            out.append(" text=").append(text.toString().trim());
        }
        out.append('\n');
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element nested) {
                write(nested, depth + 1, out);
            }
        }
    }
}
