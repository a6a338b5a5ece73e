package io.loonflow.bpmn.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/** Geometry checks on the diagram of a compiled model, read back from its BPMN DI. */
final class DiagramChecks {

    record Rect(String id, double x, double y, double w, double h) {

        boolean overlaps(Rect o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        /** Does the axis-parallel segment a-b pass through the inside (1px in from the border)? */
        boolean crossedBy(double[] a, double[] b) {
            double left = x + 1;
            double right = x + w - 1;
            double top = y + 1;
            double bottom = y + h - 1;
            double minX = Math.min(a[0], b[0]);
            double maxX = Math.max(a[0], b[0]);
            double minY = Math.min(a[1], b[1]);
            double maxY = Math.max(a[1], b[1]);
            return minX < right && maxX > left && minY < bottom && maxY > top;
        }

        boolean touches(double[] p) {
            boolean onVertical = (Math.abs(p[0] - x) < 0.5 || Math.abs(p[0] - (x + w)) < 0.5)
                    && p[1] >= y - 0.5 && p[1] <= y + h + 0.5;
            boolean onHorizontal = (Math.abs(p[1] - y) < 0.5 || Math.abs(p[1] - (y + h)) < 0.5)
                    && p[0] >= x - 0.5 && p[0] <= x + w + 0.5;
            return onVertical || onHorizontal;
        }
    }

    final BpmnModelInstance model;
    final Map<String, Rect> shapes = new HashMap<>();
    final Map<String, List<double[]>> edges = new HashMap<>();

    DiagramChecks(BpmnModelInstance model) {
        this.model = model;
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            Bounds b = shape.getBounds();
            String id = shape.getBpmnElement().getAttributeValue("id");
            assertThat(shapes.put(id, new Rect(id, b.getX(), b.getY(), b.getWidth(), b.getHeight())))
                    .as("one shape for %s", id).isNull();
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            List<double[]> points = new ArrayList<>();
            for (Waypoint w : edge.getWaypoints()) {
                points.add(new double[] {w.getX(), w.getY()});
            }
            assertThat(edges.put(edge.getBpmnElement().getAttributeValue("id"), points)).isNull();
        }
    }

    /** Valid BPMN, DI for every flow node and flow, no overlapping shapes, orthogonal edges around all shapes. */
    DiagramChecks assertClean() {
        Bpmn.validateModel(model);
        Bpmn.validateModel(Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(
                Bpmn.convertToString(model).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertDiCoversEverything();
        assertNoOverlaps();
        assertBoundaryEventsSitOnTheirTask();
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertOrthogonal(flow.getId());
            assertAvoidsShapes(flow.getId());
            assertEndsOnBorders(flow);
        }
        return this;
    }

    void assertDiCoversEverything() {
        Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
        assertThat(nodes).allSatisfy(node -> assertThat(shapes).as("shape of %s", node.getId())
                .containsKey(node.getId()));
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(edges).as("edge of %s", flow.getId()).containsKey(flow.getId());
            assertThat(edges.get(flow.getId())).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(shapes).hasSize(nodes.size());
        assertThat(edges).hasSize(model.getModelElementsByType(SequenceFlow.class).size());
    }

    void assertNoOverlaps() {
        List<Rect> all = new ArrayList<>(shapes.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Rect a = all.get(i);
                Rect b = all.get(j);
                if (attached(a.id(), b.id()) || attached(b.id(), a.id())) {
                    continue;
                }
                assertThat(a.overlaps(b)).as("%s overlaps %s", a, b).isFalse();
            }
        }
    }

    private boolean attached(String boundary, String host) {
        Object element = model.getModelElementById(boundary);
        return element instanceof BoundaryEvent event && event.getAttachedTo().getId().equals(host);
    }

    void assertBoundaryEventsSitOnTheirTask() {
        for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
            Rect timer = shapes.get(event.getId());
            Rect host = shapes.get(event.getAttachedTo().getId());
            assertThat(timer.y() + timer.h() / 2).as("%s on the bottom border", event.getId())
                    .isEqualTo(host.y() + host.h());
            assertThat(timer.x()).isGreaterThanOrEqualTo(host.x());
            assertThat(timer.x() + timer.w()).isLessThanOrEqualTo(host.x() + host.w());
        }
    }

    void assertOrthogonal(String flowId) {
        List<double[]> points = edges.get(flowId);
        for (int i = 0; i + 1 < points.size(); i++) {
            double[] a = points.get(i);
            double[] b = points.get(i + 1);
            assertThat(a[0] == b[0] || a[1] == b[1]).as("segment %d of %s is orthogonal", i, flowId).isTrue();
        }
    }

    void assertAvoidsShapes(String flowId) {
        List<double[]> points = edges.get(flowId);
        for (Rect shape : shapes.values()) {
            for (int i = 0; i + 1 < points.size(); i++) {
                assertThat(shape.crossedBy(points.get(i), points.get(i + 1)))
                        .as("segment %d of %s crosses %s", i, flowId, shape.id()).isFalse();
            }
        }
    }

    void assertEndsOnBorders(SequenceFlow flow) {
        List<double[]> points = edges.get(flow.getId());
        assertThat(shapes.get(flow.getSource().getId()).touches(points.get(0)))
                .as("%s starts on its source", flow.getId()).isTrue();
        assertThat(shapes.get(flow.getTarget().getId()).touches(points.get(points.size() - 1)))
                .as("%s ends on its target", flow.getId()).isTrue();
    }

    /** Pairs of segments of different flows that cross (not merely touch). */
    int crossings() {
        List<String> ids = new ArrayList<>(edges.keySet());
        int count = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                count += crossings(edges.get(ids.get(i)), edges.get(ids.get(j)));
            }
        }
        return count;
    }

    private static int crossings(List<double[]> p, List<double[]> q) {
        int count = 0;
        for (int i = 0; i + 1 < p.size(); i++) {
            for (int j = 0; j + 1 < q.size(); j++) {
                if (properlyCross(p.get(i), p.get(i + 1), q.get(j), q.get(j + 1))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean properlyCross(double[] a, double[] b, double[] c, double[] d) {
        boolean abHorizontal = a[1] == b[1];
        boolean cdHorizontal = c[1] == d[1];
        if (abHorizontal == cdHorizontal) {
            return false;
        }
        double[][] h = abHorizontal ? new double[][] {a, b} : new double[][] {c, d};
        double[][] v = abHorizontal ? new double[][] {c, d} : new double[][] {a, b};
        double y = h[0][1];
        double x = v[0][0];
        return x > Math.min(h[0][0], h[1][0]) && x < Math.max(h[0][0], h[1][0])
                && y > Math.min(v[0][1], v[1][1]) && y < Math.max(v[0][1], v[1][1]);
    }
}
