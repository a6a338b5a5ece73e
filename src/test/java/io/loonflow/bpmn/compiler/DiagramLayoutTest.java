package io.loonflow.bpmn.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The diagram of generated workflows: no overlaps, orthogonal edges, return edges around every shape. */
class DiagramLayoutTest {

    private static DiagramChecks checked(WorkflowDraft draft) {
        Compilation compilation = draft.compile();
        assertThat(compilation.compiled()).as(compilation.problem()).isTrue();
        DiagramChecks diagram = new DiagramChecks(compilation.model());
        String pictures = System.getProperty("loonflow.diagram.png.dir");
        if (pictures != null) { // -Dloonflow.diagram.png.dir=/tmp/x draws every checked diagram
            DiagramPng.write(diagram, new java.io.File(pictures, "workflow_" + draft.id + ".png"));
        }
        return diagram.assertClean();
    }

    private static DiagramLayout.Layout layout(WorkflowDraft draft) {
        ProcessGraphBuilder.Result result = ProcessGraphBuilder.build(draft.workflow(), draft.states, draft.transitions);
        return DiagramLayout.layout(result.graph());
    }

    @Test
    void aLinearWorkflowIsOneStraightRow() {
        WorkflowDraft draft = new WorkflowDraft(1, "linear").start(1, "s");
        for (int i = 2; i <= 8; i++) {
            draft.normal(i, "n" + i).transition(i - 1, "t" + (i - 1), i - 1, i);
        }
        draft.end(9, "e").transition(8, "t8", 8, 9);
        DiagramChecks diagram = checked(draft);

        double y = diagram.shapes.get("state_1").y();
        double previousX = diagram.shapes.get("state_1_start").x();
        for (int i = 1; i <= 8; i++) {
            DiagramChecks.Rect task = diagram.shapes.get("state_" + i);
            DiagramChecks.Rect gateway = diagram.shapes.get("state_" + i + "_gateway");
            assertThat(task.y()).isEqualTo(y);
            assertThat(task.x()).isGreaterThan(previousX);
            // the gateway sits right after its task, centred on it
            assertThat(gateway.x()).isEqualTo(task.x() + task.w() + DiagramLayout.NODE_GAP);
            assertThat(gateway.y() + gateway.h() / 2).isEqualTo(task.y() + task.h() / 2);
            previousX = gateway.x();
            assertThat(diagram.edges.get("transition_" + i)).as("straight transition_%d", i).hasSize(2);
        }
        assertThat(diagram.crossings()).isZero();
    }

    @Test
    void branchesAreStackedAndJoinWithoutCrossings() {
        WorkflowDraft draft = new WorkflowDraft(2, "branching").start(1, "s").normal(2, "decide")
                .normal(3, "a").normal(4, "b").normal(5, "c").normal(6, "join").end(7, "e")
                .transition(1, "submit", 1, 2).transition(2, "to a", 2, 3).transition(3, "to b", 2, 4)
                .transition(4, "to c", 2, 5).transition(5, "a done", 3, 6).transition(6, "b done", 4, 6)
                .transition(7, "c done", 5, 6).transition(8, "finish", 6, 7)
                .conditional(9, "shortcut", 2, 6, "[{\"expression\": \"{x} > 1\", \"target_state_id\": 7}]");
        DiagramChecks diagram = checked(draft);

        double ax = diagram.shapes.get("state_3").x();
        assertThat(diagram.shapes.get("state_4").x()).isEqualTo(ax);
        assertThat(diagram.shapes.get("state_5").x()).isEqualTo(ax);
        assertThat(diagram.shapes.get("state_6").x()).isGreaterThan(ax);
        assertThat(diagram.crossings()).isZero();
    }

    @Test
    void returnEdgesRunAroundTheLayersIntoTheStartState() {
        WorkflowDraft draft = new WorkflowDraft(3, "loops").start(1, "draft");
        for (int i = 2; i <= 6; i++) {
            draft.normal(i, "n" + i).transition(i - 1, "next" + i, i - 1, i).transition(100 + i, "refuse" + i, i, 1);
        }
        draft.normal(7, "self").transition(6, "to self", 6, 7).transition(7, "again", 7, 7)
                .end(8, "end").transition(8, "end", 7, 8);
        DiagramChecks diagram = checked(draft);
        DiagramLayout.Layout layout = layout(draft);

        assertThat(layout.returnFlows()).contains("transition_102", "transition_103", "transition_104",
                "transition_105", "transition_106", "transition_7");
        DiagramChecks.Rect start = diagram.shapes.get("state_1");
        double top = diagram.shapes.values().stream().mapToDouble(DiagramChecks.Rect::y).min().orElseThrow();
        double bottom = diagram.shapes.values().stream().mapToDouble(r -> r.y() + r.h()).max().orElseThrow();
        for (String id : layout.returnFlows()) {
            List<double[]> points = diagram.edges.get(id);
            // leaves to the right, runs along a lane outside every shape, enters its target from the left
            assertThat(points.stream().anyMatch(p -> p[1] < top || p[1] > bottom)).as("%s uses a lane", id).isTrue();
            assertThat(points.get(points.size() - 1)[0]).isLessThanOrEqualTo(points.get(0)[0]);
        }
        assertThat(diagram.edges.get("transition_102").get(diagram.edges.get("transition_102").size() - 1)[0])
                .isEqualTo(start.x());
    }

    @Test
    void timersHangOnTheirTaskAndLeadIntoItsGateway() {
        WorkflowDraft draft = new WorkflowDraft(4, "timers").start(1, "s").normal(2, "wait").hook(3, "ask", true)
                .end(4, "e").transition(1, "submit", 1, 2).transition(2, "done", 2, 4)
                .timer(3, "late", 2, 3, 60).timer(4, "very late", 2, 4, 600).timer(5, "later", 2, 1, 6000)
                .transition(6, "answered", 3, 4).timer(7, "no answer", 3, 1, 60);
        DiagramChecks diagram = checked(draft);

        DiagramChecks.Rect task = diagram.shapes.get("state_2");
        assertThat(task.w()).isGreaterThanOrEqualTo(3 * DiagramLayout.TIMER_SPACING); // room for three timers
        for (String timer : List.of("transition_3_timer", "transition_4_timer", "transition_5_timer")) {
            List<double[]> flow = diagram.edges.get(timer + "_flow");
            DiagramChecks.Rect gateway = diagram.shapes.get("state_2_gateway");
            assertThat(flow.get(flow.size() - 1)).containsExactly(gateway.x() + gateway.w() / 2, gateway.y() + gateway.h());
        }
        assertThat(diagram.model.<org.camunda.bpm.model.bpmn.instance.BoundaryEvent>getModelElementById(
                "transition_7_timer").getAttachedTo().getId()).isEqualTo("state_3_hook_callback");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomWorkflowsWithManyStatesStayClean(long seed) {
        WorkflowDraft draft = WorkflowDraft.random(100 + seed, seed);
        checked(draft);
    }

    @Test
    void compilingTwiceGivesTheSameXml() {
        WorkflowDraft draft = new WorkflowDraft(5, "same").start(1, "s").normal(2, "n").hook(3, "h", true).end(4, "e")
                .transition(1, "a", 1, 2).transition(2, "b", 2, 3).timer(3, "c", 2, 1, 5).transition(4, "d", 3, 4)
                .conditional(5, "e", 2, 4, "[{\"expression\": \"{x}\", \"target_state_id\": 1}]");
        assertThat(draft.compile().xml()).isEqualTo(draft.compile().xml());
    }
}
