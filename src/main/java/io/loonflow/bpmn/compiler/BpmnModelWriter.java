package io.loonflow.bpmn.compiler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.compiler.DiagramLayout.Box;
import io.loonflow.bpmn.compiler.DiagramLayout.Layout;
import io.loonflow.bpmn.compiler.DiagramLayout.Point;
import io.loonflow.bpmn.compiler.ProcessGraph.Flow;
import io.loonflow.bpmn.compiler.ProcessGraph.Node;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Writes a {@link ProcessGraph} and its {@link Layout} as a Camunda BPMN model with diagram interchange. Every
 * element that has an id gets a deterministic one (or none), so equal definitions give byte-identical XML.
 */
final class BpmnModelWriter {

    static final String TARGET_NAMESPACE = "http://loonflow.io/bpmn";
    static final String EXPORTER = "loonflow-bpmn";

    private final BpmnModelInstance model = Bpmn.createEmptyModel();
    private final ProcessGraph graph;
    private final Layout layout;
    private final BpmnCompilerProperties properties;
    private final Map<String, FlowNode> flowNodes = new HashMap<>();

    private BpmnModelWriter(ProcessGraph graph, Layout layout, BpmnCompilerProperties properties) {
        this.graph = graph;
        this.layout = layout;
        this.properties = properties;
    }

    static BpmnModelInstance write(ProcessGraph graph, Layout layout, BpmnCompilerProperties properties) {
        return new BpmnModelWriter(graph, layout, properties).write();
    }

    private BpmnModelInstance write() {
        Definitions definitions = create(Definitions.class, graph.processId() + "_definitions");
        definitions.setTargetNamespace(TARGET_NAMESPACE);
        definitions.setExporter(EXPORTER);
        definitions.getDomElement().registerNamespace("bpmn", BpmnModelConstants.BPMN20_NS);
        definitions.getDomElement().registerNamespace("camunda", BpmnModelConstants.CAMUNDA_NS);
        definitions.getDomElement().registerNamespace("xsi", BpmnModelConstants.XSI_NS);
        definitions.getDomElement().registerNamespace("bpmndi", BpmnModelConstants.BPMNDI_NS);
        definitions.getDomElement().registerNamespace("dc", BpmnModelConstants.DC_NS);
        definitions.getDomElement().registerNamespace("di", BpmnModelConstants.DI_NS);
        model.setDefinitions(definitions);

        Message callback = null;
        if (graph.hasHookCallback()) {
            callback = create(Message.class, "message_" + BpmnContract.HOOK_CALLBACK_MESSAGE);
            callback.setName(BpmnContract.HOOK_CALLBACK_MESSAGE);
            definitions.addChildElement(callback);
        }

        Process process = create(Process.class, graph.processId());
        process.setExecutable(true);
        if (!graph.processName().isEmpty()) {
            process.setName(graph.processName());
        }
        definitions.addChildElement(process);

        for (Node node : graph.nodes()) {
            FlowNode element = flowNode(node, callback);
            if (!node.name().isEmpty()) {
                element.setName(node.name());
            }
            process.addChildElement(element);
            flowNodes.put(node.id(), element);
        }
        for (Node node : graph.nodes()) {
            if (node.kind() == ProcessGraph.Kind.TIMER) {
                ((BoundaryEvent) flowNodes.get(node.id())).setAttachedTo((Activity) flowNodes.get(node.attachedTo()));
            }
        }
        Map<String, SequenceFlow> sequenceFlows = new HashMap<>();
        for (Flow flow : graph.flows()) {
            SequenceFlow element = sequenceFlow(flow);
            process.addChildElement(element);
            sequenceFlows.put(flow.id(), element);
        }
        for (Flow flow : graph.flows()) { // incoming/outgoing references, in document order of the flows
            flowNodes.get(flow.source()).getOutgoing().add(sequenceFlows.get(flow.id()));
            flowNodes.get(flow.target()).getIncoming().add(sequenceFlows.get(flow.id()));
        }

        writeDiagram(definitions, process, sequenceFlows);
        return model;
    }

    private FlowNode flowNode(Node node, Message callback) {
        switch (node.kind()) {
            case START_EVENT:
                return create(StartEvent.class, node.id());
            case USER_TASK: {
                UserTask task = create(UserTask.class, node.id());
                CamundaTaskListener listener = create(CamundaTaskListener.class, null);
                listener.setCamundaEvent("create");
                listener.setCamundaDelegateExpression("${" + BpmnContract.PARTICIPANT_RESOLVER_BEAN + "}");
                extensions(task).addChildElement(listener);
                return task;
            }
            case HOOK_TASK:
                return asyncServiceTask(node, BpmnContract.HOOK_DELEGATE_BEAN);
            case SCRIPT_TASK:
                return asyncServiceTask(node, BpmnContract.SCRIPT_DELEGATE_BEAN);
            case HOOK_CALLBACK: {
                ReceiveTask task = create(ReceiveTask.class, node.id());
                task.setMessage(callback);
                return task;
            }
            case GATEWAY:
                return create(ExclusiveGateway.class, node.id());
            case END_EVENT:
                return create(EndEvent.class, node.id());
            case TIMER: {
                BoundaryEvent timer = create(BoundaryEvent.class, node.id());
                timer.setCancelActivity(true);
                CamundaExecutionListener listener = create(CamundaExecutionListener.class, null);
                listener.setCamundaEvent("start");
                listener.setCamundaExpression(BpmnContract.timerStartExpression(node.transitionId()));
                extensions(timer).addChildElement(listener);
                TimerEventDefinition definition = create(TimerEventDefinition.class, null);
                TimeDuration duration = create(TimeDuration.class, null);
                duration.setAttributeValueNs(BpmnModelConstants.XSI_NS, BpmnModelConstants.XSI_ATTRIBUTE_TYPE,
                        "bpmn:tFormalExpression");
                duration.setTextContent("PT" + node.timerSeconds() + "S");
                definition.setTimeDuration(duration);
                timer.getEventDefinitions().add(definition);
                return timer;
            }
            default:
                throw new IllegalStateException("unknown node kind " + node.kind());
        }
    }

    private ServiceTask asyncServiceTask(Node node, String bean) {
        ServiceTask task = create(ServiceTask.class, node.id());
        task.setCamundaAsyncBefore(true);
        task.setCamundaDelegateExpression("${" + bean + "}");
        CamundaFailedJobRetryTimeCycle retries = create(CamundaFailedJobRetryTimeCycle.class, null);
        retries.setTextContent(properties.failedJobRetryTimeCycle());
        extensions(task).addChildElement(retries);
        return task;
    }

    private SequenceFlow sequenceFlow(Flow flow) {
        SequenceFlow element = create(SequenceFlow.class, flow.id());
        if (!flow.name().isEmpty()) {
            element.setName(flow.name());
        }
        element.setSource(flowNodes.get(flow.source()));
        element.setTarget(flowNodes.get(flow.target()));
        if (flow.expression() != null) {
            CamundaProperties properties = create(CamundaProperties.class, null);
            CamundaProperty property = create(CamundaProperty.class, null);
            property.setCamundaName(BpmnContract.EXPRESSION_PROPERTY);
            property.setCamundaValue(flow.expression());
            properties.addChildElement(property);
            extensions(element).addChildElement(properties);
        }
        if (flow.condition() != null) {
            ConditionExpression condition = create(ConditionExpression.class, null);
            condition.setAttributeValueNs(BpmnModelConstants.XSI_NS, BpmnModelConstants.XSI_ATTRIBUTE_TYPE,
                    "bpmn:tFormalExpression");
            condition.setTextContent(flow.condition());
            element.setConditionExpression(condition);
        }
        return element;
    }

    private void writeDiagram(Definitions definitions, Process process, Map<String, SequenceFlow> sequenceFlows) {
        BpmnDiagram diagram = create(BpmnDiagram.class, graph.processId() + "_diagram");
        BpmnPlane plane = create(BpmnPlane.class, graph.processId() + "_plane");
        plane.setBpmnElement(process);
        diagram.setBpmnPlane(plane);
        definitions.addChildElement(diagram);
        for (Node node : graph.nodes()) {
            Box box = layout.shapes().get(node.id());
            BpmnShape shape = create(BpmnShape.class, node.id() + "_di");
            shape.setBpmnElement(flowNodes.get(node.id()));
            if (node.kind() == ProcessGraph.Kind.GATEWAY) {
                shape.setMarkerVisible(true);
            }
            Bounds bounds = create(Bounds.class, null);
            bounds.setX(box.x());
            bounds.setY(box.y());
            bounds.setWidth(box.width());
            bounds.setHeight(box.height());
            shape.setBounds(bounds);
            plane.addChildElement(shape);
        }
        for (Flow flow : graph.flows()) {
            BpmnEdge edge = create(BpmnEdge.class, flow.id() + "_di");
            edge.setBpmnElement(sequenceFlows.get(flow.id()));
            List<Point> points = layout.edges().get(flow.id());
            for (Point point : points) {
                Waypoint waypoint = create(Waypoint.class, null);
                waypoint.setX(point.x());
                waypoint.setY(point.y());
                edge.getWaypoints().add(waypoint);
            }
            plane.addChildElement(edge);
        }
    }

    private ExtensionElements extensions(BaseElement element) {
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            extensions = create(ExtensionElements.class, null);
            element.setExtensionElements(extensions);
        }
        return extensions;
    }

    /** A new element with the given id, or with no id at all (the model API would invent a random one). */
    private <T extends ModelElementInstance> T create(Class<T> type, String id) {
        if (id != null) {
            return model.newInstance(type, id);
        }
        T element = model.newInstance(type);
        if (element.getAttributeValue("id") != null) {
            element.removeAttribute("id");
        }
        return element;
    }
}
