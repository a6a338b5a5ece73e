package io.loonflow.bpmn.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/** The process model the compiler builds from a definition (no engine, no database). */
class WorkflowCompilerTest {

    private static BpmnModelInstance model(WorkflowDraft draft) {
        Compilation compilation = draft.compile();
        assertThat(compilation.compiled()).as(compilation.problem()).isTrue();
        return compilation.model();
    }

    private static List<String> outgoing(BpmnModelInstance model, String id) {
        return model.<FlowNode>getModelElementById(id).getOutgoing().stream().map(SequenceFlow::getId).toList();
    }

    private static String condition(BpmnModelInstance model, String flowId) {
        SequenceFlow flow = model.getModelElementById(flowId);
        return flow.getConditionExpression() == null ? null : flow.getConditionExpression().getTextContent();
    }

    /** Flow ids leaving a node in XML document order, which is the order the gateway tries them in. */
    private static List<String> documentOrder(BpmnModelInstance model, String sourceId) {
        return model.getModelElementsByType(SequenceFlow.class).stream()
                .filter(flow -> flow.getSource().getId().equals(sourceId)).map(SequenceFlow::getId).toList();
    }

    @Test
    void statesAndTransitionsGetTheirContractIdsAndNames() {
        BpmnModelInstance model = model(new WorkflowDraft(42, "请假").start(1, "发起人-编辑中").normal(2, "tl审批中")
                .end(3, "结束").transition(10, "提交", 1, 2).transition(11, "同意", 2, 3).transition(12, "拒绝", 2, 1));

        Process process = model.getModelElementById("loonflow_42");
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getName()).isEqualTo("请假");
        assertThat(outgoing(model, "state_1_start")).containsExactly("state_1_start_flow");
        assertThat(model.<UserTask>getModelElementById("state_1").getName()).isEqualTo("发起人-编辑中");
        assertThat(model.<UserTask>getModelElementById("state_2").getName()).isEqualTo("tl审批中");
        assertThat(model.<org.camunda.bpm.model.bpmn.instance.EndEvent>getModelElementById("state_3").getName())
                .isEqualTo("结束");
        assertThat(outgoing(model, "state_2")).containsExactly("state_2_flow");
        assertThat(outgoing(model, "state_2_gateway")).containsExactly("transition_11", "transition_12");
        assertThat(condition(model, "transition_11")).isEqualTo("${transition_id == 11}");
        assertThat(condition(model, "transition_12")).isEqualTo("${transition_id == 12}");
        assertThat(model.<SequenceFlow>getModelElementById("transition_12").getTarget().getId()).isEqualTo("state_1");
        assertThat(model.<SequenceFlow>getModelElementById("transition_12").getName()).isEqualTo("拒绝");
        // Camunda forbids a condition on a gateway's only flow
        assertThat(condition(model, "transition_10")).isNull();
        assertThat(model.<UserTask>getModelElementById("state_2").getExtensionElements().getDomElement()
                .getChildElements().get(0).getAttribute("delegateExpression"))
                .isEqualTo("${loonflowParticipantResolver}");
    }

    @Test
    void conditionFlowsComeFirstInListOrderThenTheFallback() {
        BpmnModelInstance model = model(new WorkflowDraft(1, "w").start(1, "s").end(2, "a").end(3, "b").end(4, "c")
                .normal(5, "other").transition(7, "other", 1, 5)
                .conditional(8, "go", 1, 4, "[{\"expression\": \"{days} > 10\", \"target_state_id\": 2},"
                        + " {\"expression\": \"{days} > 3\", \"target_state_id\": \"3\"}]"));

        assertThat(documentOrder(model, "state_1_gateway"))
                .containsExactly("transition_7", "transition_8_condition_0", "transition_8_condition_1", "transition_8");
        assertThat(condition(model, "transition_8_condition_0"))
                .isEqualTo("${transition_id == 8 && loonflowConditions.matches(execution, 8, 0)}");
        assertThat(condition(model, "transition_8_condition_1"))
                .isEqualTo("${transition_id == 8 && loonflowConditions.matches(execution, 8, 1)}");
        assertThat(condition(model, "transition_8")).isEqualTo("${transition_id == 8}");
        SequenceFlow first = model.getModelElementById("transition_8_condition_0");
        assertThat(first.getTarget().getId()).isEqualTo("state_2");
        assertThat(first.getName()).isEqualTo("{days} > 10");
        assertThat(first.getExtensionElements().getElementsQuery().filterByType(
                org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).singleResult()
                .getCamundaProperties()).extracting(CamundaProperty::getCamundaName, CamundaProperty::getCamundaValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("expression", "{days} > 10"));
        assertThat(model.<SequenceFlow>getModelElementById("transition_8_condition_1").getTarget().getId())
                .isEqualTo("state_3");
    }

    @Test
    void aConditionalTransitionWithoutDestinationFailsWhenNoConditionHolds() {
        WorkflowDraft draft = new WorkflowDraft(1, "w").start(1, "s").end(2, "a")
                .conditional(5, "go", 1, 0, "[{\"expression\": \"{x}\", \"target_state_id\": 2}]");
        BpmnModelInstance model = model(draft);

        assertThat(documentOrder(model, "state_1_gateway")).containsExactly("transition_5_condition_0",
                "transition_5_unmatched");
        assertThat(condition(model, "transition_5_condition_0")).contains("loonflowConditions.matches");
        assertThat(condition(model, "transition_5_unmatched")).isEqualTo("${false}");
        assertThat(draft.compile().warnings()).singleElement().asString().contains("destination 0");
    }

    @Test
    void timerTransitionsBecomeInterruptingBoundaryTimersThatRouteThroughTheGateway() {
        BpmnModelInstance model = model(new WorkflowDraft(1, "w").start(1, "s").normal(2, "wait").end(3, "e")
                .transition(1, "go", 1, 2).transition(2, "done", 2, 3).timer(3, "late", 2, 3, 90));

        BoundaryEvent timer = model.getModelElementById("transition_3_timer");
        assertThat(timer.getAttachedTo().getId()).isEqualTo("state_2");
        assertThat(timer.cancelActivity()).isTrue();
        assertThat(timer.getName()).isEqualTo("late");
        assertThat(timer.getDomElement().getChildElements().stream()
                .filter(e -> e.getLocalName().equals("timerEventDefinition")).findFirst().orElseThrow()
                .getChildElements().get(0).getTextContent()).isEqualTo("PT90S");
        assertThat(outgoing(model, "transition_3_timer")).containsExactly("transition_3_timer_flow");
        assertThat(model.<SequenceFlow>getModelElementById("transition_3_timer_flow").getTarget().getId())
                .isEqualTo("state_2_gateway");
        assertThat(xml(model)).contains("expression=\"${loonflowTimers.fire(execution, 3)}\"");
        assertThat(outgoing(model, "state_2_gateway")).containsExactly("transition_2", "transition_3");
    }

    @Test
    void hookAndScriptStatesAreAsyncServiceTasksAndAWaitingHookGetsACallback() {
        WorkflowDraft draft = new WorkflowDraft(1, "w").start(1, "s").hook(2, "fire", false).hook(3, "ask", true)
                .script(4, "run").end(5, "e").transition(1, "a", 1, 2).transition(2, "b", 2, 3)
                .transition(3, "c", 3, 4).transition(4, "d", 4, 5);
        draft.state(6, "truthy wait", 0, 10, "{\"hook_url\": \"x\", \"wait\": \"yes\"}")
                .state(7, "falsy wait", 0, 10, "{\"hook_url\": \"x\", \"wait\": 0}")
                .state(8, "broken hook", 0, 10, "not json");
        BpmnModelInstance model = model(draft);

        ServiceTask hook = model.getModelElementById("state_2");
        assertThat(hook.isCamundaAsyncBefore()).isTrue();
        assertThat(hook.getCamundaDelegateExpression()).isEqualTo("${loonflowHookDelegate}");
        assertThat(xml(model)).contains("<camunda:failedJobRetryTimeCycle>R3/PT5M</camunda:failedJobRetryTimeCycle>");
        assertThat(outgoing(model, "state_2")).containsExactly("state_2_flow");
        assertThat(model.<SequenceFlow>getModelElementById("state_2_flow").getTarget().getId())
                .isEqualTo("state_2_gateway");

        assertThat(model.<SequenceFlow>getModelElementById("state_3_flow").getTarget().getId())
                .isEqualTo("state_3_hook_callback");
        org.camunda.bpm.model.bpmn.instance.ReceiveTask callback = model.getModelElementById("state_3_hook_callback");
        assertThat(callback.getMessage().getName()).isEqualTo("hook_call_back");
        assertThat(outgoing(model, "state_3_hook_callback")).containsExactly("state_3_hook_callback_flow");

        ServiceTask script = model.getModelElementById("state_4");
        assertThat(script.isCamundaAsyncBefore()).isTrue();
        assertThat(script.getCamundaDelegateExpression()).isEqualTo("${loonflowScriptDelegate}");

        assertThat((Object) model.getModelElementById("state_6_hook_callback")).isNotNull();
        assertThat((Object) model.getModelElementById("state_7_hook_callback")).isNull();
        assertThat((Object) model.getModelElementById("state_8_hook_callback")).isNull();
    }

    @Test
    void theRetryCycleIsConfigurable() {
        WorkflowDraft draft = new WorkflowDraft(1, "w").start(1, "s").script(2, "run").transition(1, "a", 1, 2);
        Compilation compilation = WorkflowCompiler.compile(draft.workflow(), draft.states, draft.transitions,
                new BpmnCompilerProperties("R1/PT30S"));
        assertThat(compilation.xml()).contains(">R1/PT30S<");
    }

    @Test
    void onlyTheFirstStartStateByIdGetsTheStartEvent() {
        BpmnModelInstance model = model(new WorkflowDraft(1, "w").start(5, "second").start(3, "first")
                .state(4, "script as start", 1, 6, "1").end(6, "e").transition(1, "a", 3, 5).transition(2, "b", 5, 6));
        assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.StartEvent.class))
                .extracting(org.camunda.bpm.model.bpmn.instance.StartEvent::getId).containsExactly("state_3_start");
        assertThat((Object) model.getModelElementById("state_5")).isInstanceOf(UserTask.class);
        // a start state is always a user task: arriving there hands the ticket back to its creator
        assertThat((Object) model.getModelElementById("state_4")).isInstanceOf(UserTask.class);
    }

    @Test
    void brokenTransitionsAreLeftOutWithAReason() {
        WorkflowDraft draft = new WorkflowDraft(1, "w").start(1, "s").normal(2, "n").end(3, "e")
                .transition(1, "ok", 1, 2).transition(2, "ok too", 1, 3)
                .transition(3, "nowhere", 2, 99)
                .conditional(4, "bad json", 2, 3, "[{")
                .conditional(5, "bad target", 2, 3, "[{\"expression\": \"{x}\", \"target_state_id\": 98}]")
                .transition(6, "from end", 3, 1)
                .transition(7, "from nowhere", 97, 1)
                .conditional(8, "no expression", 2, 3, "[{\"target_state_id\": 3}]")
                .transition(9, "fine", 2, 3)
                .transition(10, "deleted", 2, 3, 1, 0, "[]");
        draft.transitions.set(draft.transitions.size() - 1, deleted(draft.transitions.get(draft.transitions.size() - 1)));
        Compilation compilation = draft.compile();

        assertThat(compilation.compiled()).isTrue();
        BpmnModelInstance model = compilation.model();
        assertThat(documentOrder(model, "state_2_gateway")).containsExactly("transition_9");
        assertThat(compilation.warnings()).containsExactly(
                "transition 6 is left out: it leaves the end state 3 (a finished ticket has no actions)",
                "transition 7 is left out: its source state 97 is not a state of this workflow",
                "transition 3 is left out: its destination 99 is not a state of this workflow",
                "transition 4 is left out: its condition_expression is invalid: not JSON",
                "transition 5 is left out: condition 0 targets 98, which is not a state of this workflow",
                "transition 8 is left out: its condition_expression is invalid: entry 0 has no expression text");
    }

    @Test
    void aStateWithoutTransitionsHasNoGateway() {
        BpmnModelInstance model = model(new WorkflowDraft(1, "w").start(1, "s").normal(2, "stuck")
                .transition(1, "go", 1, 2));
        assertThat(outgoing(model, "state_2")).isEmpty();
        assertThat(model.getModelElementsByType(ExclusiveGateway.class)).extracting(ExclusiveGateway::getId)
                .containsExactly("state_1_gateway");
    }

    @Test
    void aWorkflowWithoutStartStateIsNotCompiledAndSaysWhy() {
        Compilation compilation = new WorkflowDraft(9, "w").normal(1, "n").end(2, "e").transition(1, "a", 1, 2)
                .compile();
        assertThat(compilation.compiled()).isFalse();
        assertThat(compilation.problem()).isEqualTo("workflow 9 has no start state");
    }

    @Test
    void deletedStatesAndRowsOfOtherWorkflowsAreIgnored() {
        WorkflowDraft draft = new WorkflowDraft(1, "w").start(1, "s").end(2, "e").transition(1, "a", 1, 2);
        WorkflowDraft other = new WorkflowDraft(2, "other").start(3, "foreign start").normal(4, "foreign");
        draft.states.addAll(other.states);
        draft.state(5, "gone", 0, 1, "admin");
        draft.states.set(draft.states.size() - 1, deleted(draft.states.get(draft.states.size() - 1)));
        BpmnModelInstance model = model(draft);
        assertThat(model.getModelElementsByType(FlowNode.class)).extracting(FlowNode::getId)
                .containsExactlyInAnyOrder("state_1_start", "state_1", "state_1_gateway", "state_2");
    }

    @Test
    void charactersXmlCannotCarryAreDroppedFromNames() {
        Compilation compilation = new WorkflowDraft(1, "w\u0001").start(1, "a\u0000b\uFFFEc").end(2, "e")
                .conditional(1, "go\u0007", 1, 2, "[{\"expression\": \"{x} == '\\u0001'\", \"target_state_id\": 2}]")
                .compile();
        BpmnModelInstance parsed = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(
                compilation.xml().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(parsed.<UserTask>getModelElementById("state_1").getName()).isEqualTo("abc");
        assertThat(parsed.<Process>getModelElementById("loonflow_1").getName()).isEqualTo("w");
        assertThat(parsed.<SequenceFlow>getModelElementById("transition_1").getName()).isEqualTo("go");
        assertThat(parsed.<SequenceFlow>getModelElementById("transition_1_condition_0").getName())
                .isEqualTo("{x} == ''");
    }

    @Test
    void contractHelpersParseIdsBack() {
        assertThat(BpmnContract.workflowId("loonflow_12")).hasValue(12);
        assertThat(BpmnContract.workflowId("loonflow_x")).isEmpty();
        assertThat(BpmnContract.stateId("state_7")).hasValue(7);
        assertThat(BpmnContract.stateId("state_7_gateway")).isEmpty();
        assertThat(BpmnContract.transitionId("transition_3")).hasValue(3);
        assertThat(BpmnContract.transitionId("transition_3_condition_0")).isEmpty();
        assertThat(BpmnContract.transitionId("transition_")).isEmpty();
        assertThat(BpmnContract.businessKey(5)).isEqualTo("5");
    }

    private static String xml(BpmnModelInstance model) {
        return org.camunda.bpm.model.bpmn.Bpmn.convertToString(model);
    }

    private static io.loonflow.bpmn.definition.Transition deleted(io.loonflow.bpmn.definition.Transition t) {
        return new io.loonflow.bpmn.definition.Transition(t.id(), t.name(), t.workflowId(), t.transitionTypeId(),
                t.timer(), t.sourceStateId(), t.destinationStateId(), t.conditionExpression(), t.attributeTypeId(),
                t.fieldRequireCheck(), t.alertEnable(), t.alertText(), t.creator(), t.gmtCreated(), t.gmtModified(),
                true);
    }

    private static io.loonflow.bpmn.definition.State deleted(io.loonflow.bpmn.definition.State s) {
        return new io.loonflow.bpmn.definition.State(s.id(), s.name(), s.workflowId(), s.hidden(), s.orderId(),
                s.typeId(), s.participantTypeId(), s.participant(), s.distributeTypeId(), s.stateFieldStr(), s.label(),
                s.rememberLastManEnable(), s.enableRetreat(), s.creator(), s.gmtCreated(), s.gmtModified(), true);
    }
}
