package io.loonflow.bpmn.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.Date;
import java.util.List;
import java.util.function.LongConsumer;

import io.loonflow.bpmn.compiler.EngineDoubles.Call;
import io.loonflow.bpmn.definition.WorkflowDefinitionChanged;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compiled processes deployed through the definition-change event and run by the real engine of the shared
 * context. The job executor is paused for this class so that tests execute jobs themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompiledProcessEngineTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ConfigurableApplicationContext context;

    private final EngineDoubles doubles = new EngineDoubles();
    private boolean jobExecutorWasActive;
    private DefinitionFixture fixture;
    private TransactionTemplate tx;

    @BeforeAll
    void pauseJobExecutorAndRegisterDoubles() {
        JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getJobExecutor();
        jobExecutorWasActive = jobExecutor.isActive();
        if (jobExecutorWasActive) {
            jobExecutor.shutdown();
        }
        doubles.register(context);
    }

    @AfterAll
    void restore() {
        doubles.unregister(context);
        ClockUtil.reset();
        if (jobExecutorWasActive) {
            ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().start();
        }
        AbstractAssertions.reset();
    }

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        fixture = new DefinitionFixture(jdbc);
        tx = new TransactionTemplate(transactions);
    }

    /** Inserts a definition and publishes its change in one transaction, as the admin API does. */
    private long define(LongConsumer body) {
        return tx.execute(status -> {
            long workflowId = fixture.workflow();
            body.accept(workflowId);
            events.publishEvent(new WorkflowDefinitionChanged(workflowId));
            return workflowId;
        });
    }

    private ProcessInstance startTicket(long workflowId) {
        return runtime.startProcessInstanceByKey(BpmnContract.processKey(workflowId), TestData.unique("ticket"));
    }

    private long transition(long workflowId, String name) {
        return jdbc.sql("SELECT id FROM workflow_transition WHERE workflow_id = :wid AND name = :name")
                .param("wid", workflowId).param("name", name).query(Long.class).single();
    }

    private long state(long workflowId, String name) {
        return jdbc.sql("SELECT id FROM workflow_state WHERE workflow_id = :wid AND name = :name")
                .param("wid", workflowId).param("name", name).query(Long.class).single();
    }

    private static String at(long stateId) {
        return BpmnContract.stateActivityId(stateId);
    }

    /** Ended in the end event of {@code endActivityId} (the default history level keeps where instances end). */
    private void endedAt(ProcessInstance instance, String endActivityId) {
        BpmnAwareTests.assertThat(instance).isEnded();
        assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult().getEndActivityId()).isEqualTo(endActivityId);
    }

    private void perform(ProcessInstance instance, long transitionId) {
        // transient, as the ticket runtime does: a stored value would clash with a timer's transient one
        complete(task(instance), withVariables(BpmnContract.TRANSITION_VARIABLE,
                org.camunda.bpm.engine.variable.Variables.longValue(transitionId, true)));
    }

    private long approvalWorkflow() {
        return define(wid -> {
            long draft = fixture.start(wid, "draft");
            long review = fixture.normal(wid, "review");
            long done = fixture.end(wid, "done");
            fixture.transition(wid, "submit", draft, review);
            fixture.transition(wid, "agree", review, done);
            fixture.transition(wid, "refuse", review, draft);
        });
    }

    @Test
    void routesByTransitionIdIncludingReturnsToTheStartState() {
        long wid = approvalWorkflow();
        long draft = state(wid, "draft");
        long review = state(wid, "review");
        ProcessInstance ticket = startTicket(wid);

        BpmnAwareTests.assertThat(ticket).isWaitingAt(at(draft));
        perform(ticket, transition(wid, "submit"));
        BpmnAwareTests.assertThat(ticket).isWaitingAt(at(review));
        perform(ticket, transition(wid, "refuse"));
        BpmnAwareTests.assertThat(ticket).isWaitingAt(at(draft));
        perform(ticket, transition(wid, "submit"));
        perform(ticket, transition(wid, "agree"));

        endedAt(ticket, at(state(wid, "done")));
        assertThat(doubles.calls(BpmnContract.PARTICIPANT_RESOLVER_BEAN, ticket.getId()))
                .extracting(Call::activityId).containsExactly(at(draft), at(review), at(draft), at(review));
    }

    @Test
    void aTransitionOfAnotherStateIsRefusedAndChangesNothing() {
        long wid = approvalWorkflow();
        ProcessInstance ticket = startTicket(wid);
        perform(ticket, transition(wid, "submit"));

        assertThatThrownBy(() -> perform(ticket, transition(wid, "submit")))
                .isInstanceOf(ProcessEngineException.class);
        BpmnAwareTests.assertThat(ticket).isWaitingAt(at(state(wid, "review")));
    }

    @Test
    void conditionFlowsAreTriedInListOrderBeforeTheFallback() {
        long wid = define(w -> {
            long start = fixture.start(w, "start");
            long a = fixture.end(w, "a");
            long b = fixture.end(w, "b");
            long fallback = fixture.end(w, "fallback");
            fixture.transition(w, "go", start, fallback, 1, 0,
                    DefinitionFixture.conditions("{days} > 10", a, "{days} > 3", b));
        });
        long go = transition(wid, "go");

        ProcessInstance none = startTicket(wid);
        perform(none, go);
        endedAt(none, at(state(wid, "fallback")));
        assertThat(doubles.calls(BpmnContract.CONDITIONS_BEAN, none.getId()))
                .extracting(Call::transitionId, Call::conditionIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(go, 0), org.assertj.core.groups.Tuple.tuple(go, 1));

        ProcessInstance second = startTicket(wid);
        doubles.conditionResults.put(second.getBusinessKey() + ":" + go + ":1", true);
        perform(second, go);
        endedAt(second, at(state(wid, "b")));

        ProcessInstance both = startTicket(wid);
        doubles.conditionResults.put(both.getBusinessKey() + ":" + go + ":0", true);
        doubles.conditionResults.put(both.getBusinessKey() + ":" + go + ":1", true);
        perform(both, go);
        endedAt(both, at(state(wid, "a")));
        assertThat(doubles.calls(BpmnContract.CONDITIONS_BEAN, both.getId()))
                .extracting(Call::conditionIndex).containsExactly(0);
    }

    @Test
    void timerTransitionFiresWhenTheEngineClockPassesItsDuration() {
        long wid = define(w -> {
            long start = fixture.start(w, "start");
            long waiting = fixture.normal(w, "waiting");
            long late = fixture.normal(w, "late");
            fixture.transition(w, "submit", start, waiting);
            fixture.timer(w, "too slow", waiting, late, 3600);
        });
        Date now = new Date();
        ClockUtil.setCurrentTime(now);
        try {
            ProcessInstance ticket = startTicket(wid);
            perform(ticket, transition(wid, "submit"));
            Job timer = job(management.createJobQuery().timers().processInstanceId(ticket.getId()));
            assertThat(timer).isNotNull();
            // MySQL keeps whole seconds only
            assertThat(timer.getDuedate()).isCloseTo(new Date(now.getTime() + 3_600_000), 1000);
            assertThat(management.createJobQuery().timers().executable().processInstanceId(ticket.getId()).count())
                    .isZero();

            ClockUtil.setCurrentTime(new Date(now.getTime() + 3_601_000));
            Job due = management.createJobQuery().timers().executable().processInstanceId(ticket.getId())
                    .singleResult();
            assertThat(due.getId()).isEqualTo(timer.getId());
            execute(due);

            // the timer's transition (transient) routed it; nothing is left stored
            BpmnAwareTests.assertThat(ticket).isWaitingAt(at(state(wid, "late")))
                    .variables().doesNotContainKey(BpmnContract.TRANSITION_VARIABLE);
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void leavingTheStateCancelsItsTimerAndATimerTakesItsTransitionsConditions() {
        long wid = define(w -> {
            long start = fixture.start(w, "start");
            long waiting = fixture.normal(w, "waiting");
            long urgent = fixture.normal(w, "urgent");
            long done = fixture.end(w, "done");
            fixture.transition(w, "submit", start, waiting);
            fixture.transition(w, "finish", waiting, done);
            fixture.transition(w, "escalate", waiting, done, 2, 60, DefinitionFixture.conditions("{vip}", urgent));
        });
        long escalate = transition(wid, "escalate");

        ProcessInstance handled = startTicket(wid);
        perform(handled, transition(wid, "submit"));
        assertThat(management.createJobQuery().timers().processInstanceId(handled.getId()).count()).isOne();
        perform(handled, transition(wid, "finish"));
        BpmnAwareTests.assertThat(handled).isEnded();
        assertThat(management.createJobQuery().processInstanceId(handled.getId()).count()).isZero();

        ProcessInstance vip = startTicket(wid);
        doubles.conditionResults.put(vip.getBusinessKey() + ":" + escalate + ":0", true);
        perform(vip, transition(wid, "submit"));
        execute(job(management.createJobQuery().timers().processInstanceId(vip.getId())));
        BpmnAwareTests.assertThat(vip).isWaitingAt(at(state(wid, "urgent")));
    }

    @Test
    void hookAndScriptStatesRunAsAsyncJobsAndAWaitingHookWaitsForItsCallback() {
        long wid = define(w -> {
            long start = fixture.start(w, "start");
            long hook = fixture.hook(w, "notify", false);
            long script = fixture.script(w, "compute");
            long waitingHook = fixture.hook(w, "ask", true);
            long done = fixture.end(w, "done");
            fixture.transition(w, "submit", start, hook);
            fixture.transition(w, "notified", hook, script);
            fixture.transition(w, "computed", script, waitingHook);
            fixture.transition(w, "answered", waitingHook, done);
        });
        long hook = state(wid, "notify");
        long script = state(wid, "compute");
        long waitingHook = state(wid, "ask");
        ProcessInstance ticket = startTicket(wid);
        doubles.automaticTransitions.put(ticket.getBusinessKey() + ":" + at(hook), transition(wid, "notified"));
        doubles.automaticTransitions.put(ticket.getBusinessKey() + ":" + at(script), transition(wid, "computed"));
        doubles.automaticTransitions.put(ticket.getBusinessKey() + ":" + at(waitingHook), transition(wid, "answered"));

        perform(ticket, transition(wid, "submit"));
        // completing the task only queued the hook: nothing ran in the caller's transaction
        BpmnAwareTests.assertThat(ticket).isWaitingAt(at(hook));
        assertThat(doubles.calls(BpmnContract.HOOK_DELEGATE_BEAN, ticket.getId())).isEmpty();
        Job hookJob = job(ticket);
        assertThat(hookJob.getRetries()).isEqualTo(3);

        execute(hookJob);
        BpmnAwareTests.assertThat(ticket).isWaitingAt(at(script));
        assertThat(doubles.calls(BpmnContract.SCRIPT_DELEGATE_BEAN, ticket.getId())).isEmpty();
        execute(job(ticket));
        BpmnAwareTests.assertThat(ticket).isWaitingAt(at(waitingHook));
        execute(job(ticket));
        BpmnAwareTests.assertThat(ticket).isWaitingAt(BpmnContract.hookCallbackId(waitingHook));

        runtime.createMessageCorrelation(BpmnContract.HOOK_CALLBACK_MESSAGE)
                .processInstanceBusinessKey(ticket.getBusinessKey())
                .setVariable(BpmnContract.TRANSITION_VARIABLE,
                        org.camunda.bpm.engine.variable.Variables.longValue(transition(wid, "answered"), true)).correlate();
        endedAt(ticket, at(state(wid, "done")));
        assertThat(doubles.calls(BpmnContract.HOOK_DELEGATE_BEAN, ticket.getId())).extracting(Call::activityId)
                .containsExactly(at(hook), at(waitingHook));
    }

    @Test
    void aFailingHookKeepsTheTicketInItsStateAndCountsDownRetries() {
        long wid = define(w -> {
            long start = fixture.start(w, "start");
            long hook = fixture.hook(w, "notify", false);
            long done = fixture.end(w, "done");
            fixture.transition(w, "submit", start, hook);
            fixture.transition(w, "notified", hook, done);
        });
        ProcessInstance ticket = startTicket(wid); // no automatic transition configured: the double throws
        perform(ticket, transition(wid, "submit"));

        Job hookJob = job(ticket);
        assertThatThrownBy(() -> management.executeJob(hookJob.getId())).hasMessageContaining("no automatic transition");
        assertThat(job(ticket).getRetries()).isEqualTo(2);
        BpmnAwareTests.assertThat(ticket).isWaitingAt(at(state(wid, "notify")));
    }

    @Test
    void aRetryCycleOfOneMakesTheFirstFailureAnIncident() {
        WorkflowDraft draft = new WorkflowDraft(9_100_000_000L, "single attempt").start(1, "s").script(2, "run")
                .end(3, "e").transition(1, "go", 1, 2).transition(2, "done", 2, 3);
        Compilation compilation = WorkflowCompiler.compile(draft.workflow(), draft.states, draft.transitions,
                new BpmnCompilerProperties("R1/PT1M"));
        org.camunda.bpm.engine.repository.Deployment deployment = repository.createDeployment()
                .name("compiler-retry-check").addModelInstance(BpmnContract.resourceName(draft.id), compilation.model())
                .deploy();
        try {
            ProcessInstance ticket = startTicket(draft.id); // no automatic transition configured: the double throws
            perform(ticket, 1);
            Job script = job(ticket);
            assertThatThrownBy(() -> management.executeJob(script.getId())).isInstanceOf(RuntimeException.class);
            assertThat(job(ticket).getRetries()).isZero();
            assertThat(runtime.createIncidentQuery().processInstanceId(ticket.getId()).count()).isOne();
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void redeployingCreatesAVersionOnlyWhenTheXmlChanged() {
        long wid = approvalWorkflow();
        String key = BpmnContract.processKey(wid);
        assertThat(latestVersion(key)).isEqualTo(1);

        tx.executeWithoutResult(status -> {
            events.publishEvent(new WorkflowDefinitionChanged(wid));
            events.publishEvent(new WorkflowDefinitionChanged(wid));
        });
        assertThat(latestVersion(key)).isEqualTo(1);
        assertThat(repository.createDeploymentQuery().deploymentName(key).count()).isOne();

        tx.executeWithoutResult(status -> {
            fixture.rename(state(wid, "review"), "second review");
            events.publishEvent(new WorkflowDefinitionChanged(wid));
            fixture.rename(state(wid, "second review"), "final review");
            events.publishEvent(new WorkflowDefinitionChanged(wid));
        });
        assertThat(latestVersion(key)).isEqualTo(2);
        assertThat(repository.createDeploymentQuery().deploymentName(key).count()).isEqualTo(2);
        assertThat(repository.getBpmnModelInstance(repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult().getId()).getModelElementById(at(state(wid, "final review")))
                .getAttributeValue("name")).isEqualTo("final review");
    }

    @Test
    void aRollbackUndoesTheDeploymentMadeBeforeCommit() {
        long[] created = new long[1];
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            created[0] = fixture.workflow();
            long start = fixture.start(created[0], "start");
            fixture.transition(created[0], "close", start, fixture.end(created[0], "end"));
            events.publishEvent(new WorkflowDefinitionChanged(created[0]));
            // runs after the compiler's synchronization (registered first, same order): the commit fails late
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    assertThat(repository.createProcessDefinitionQuery()
                            .processDefinitionKey(BpmnContract.processKey(created[0])).count()).isOne();
                    throw new IllegalStateException("commit refused");
                }
            });
        })).hasMessage("commit refused");

        String key = BpmnContract.processKey(created[0]);
        assertThat(repository.createDeploymentQuery().deploymentName(key).count()).isZero();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key)).isInstanceOf(ProcessEngineException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workflow_workflow WHERE id = :id").param("id", created[0])
                .query(Long.class).single()).isZero();
    }

    @Test
    void anUncompilableDefinitionIsNotDeployedAndDoesNotFailTheChange() {
        long wid = define(w -> {
            long review = fixture.normal(w, "review");
            fixture.transition(w, "done", review, fixture.end(w, "end"));
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workflow_state WHERE workflow_id = :id").param("id", wid)
                .query(Long.class).single()).isEqualTo(2); // committed
        assertThat(repository.createDeploymentQuery().deploymentName(BpmnContract.processKey(wid)).count()).isZero();
    }

    @Test
    void oneTransactionChangingTwoWorkflowsDeploysBoth() {
        long[] ids = tx.execute(status -> {
            long first = fixture.workflow();
            fixture.transition(first, "t", fixture.start(first, "s"), fixture.end(first, "e"));
            long second = fixture.workflow();
            fixture.transition(second, "t", fixture.start(second, "s"), fixture.end(second, "e"));
            events.publishEvent(new WorkflowDefinitionChanged(first));
            events.publishEvent(new WorkflowDefinitionChanged(second));
            return new long[] {first, second};
        });
        assertThat(latestVersion(BpmnContract.processKey(ids[0]))).isEqualTo(1);
        assertThat(latestVersion(BpmnContract.processKey(ids[1]))).isEqualTo(1);
    }

    @Test
    void aChangePublishedOutsideATransactionIsDeployedAtOnce() {
        long wid = fixture.workflow(); // auto-committed statements, no surrounding transaction
        fixture.transition(wid, "t", fixture.start(wid, "s"), fixture.end(wid, "e"));
        assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
        events.publishEvent(new WorkflowDefinitionChanged(wid));
        assertThat(latestVersion(BpmnContract.processKey(wid))).isEqualTo(1);
    }

    @Test
    void aDeletedWorkflowKeepsItsDeploymentsButGetsNoNewOne() {
        long wid = approvalWorkflow();
        tx.executeWithoutResult(status -> {
            fixture.rename(state(wid, "review"), "renamed");
            fixture.deleteWorkflow(wid);
            events.publishEvent(new WorkflowDefinitionChanged(wid));
        });
        assertThat(latestVersion(BpmnContract.processKey(wid))).isEqualTo(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomDefinitionsParseInTheEngineWithTheirDiagram(long seed) {
        // an id no real workflow reaches, deployed under its own name and removed again
        WorkflowDraft draft = WorkflowDraft.random(9_000_000_000L + seed, seed);
        Compilation compilation = draft.compile();
        org.camunda.bpm.engine.repository.Deployment deployment = repository.createDeployment()
                .name("compiler-parse-check-" + seed)
                .addModelInstance(BpmnContract.resourceName(draft.id), compilation.model()).deploy();
        try {
            org.camunda.bpm.engine.repository.ProcessDefinition definition = repository
                    .createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult();
            assertThat(definition.getKey()).isEqualTo(BpmnContract.processKey(draft.id));
            new DiagramChecks(repository.getBpmnModelInstance(definition.getId())).assertDiCoversEverything();
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    private int latestVersion(String key) {
        List<org.camunda.bpm.engine.repository.ProcessDefinition> definitions = repository
                .createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().list();
        return definitions.isEmpty() ? 0 : definitions.get(0).getVersion();
    }
}
