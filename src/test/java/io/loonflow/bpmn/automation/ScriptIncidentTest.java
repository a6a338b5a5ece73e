package io.loonflow.bpmn.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * A script state's job that runs out of retries gets loonflow's script failure line and the failure flag. The
 * script runner is replaced by a failing double for this class (the real one is another package's), and the job
 * executor is paused so that the test runs the job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptIncidentTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    ManagementService management;
    @Autowired
    ConfigurableApplicationContext context;

    private boolean jobExecutorWasActive;

    @BeforeAll
    void pauseJobExecutorAndReplaceTheScriptRunner() {
        JobExecutor jobExecutor = jobExecutor();
        jobExecutorWasActive = jobExecutor.isActive();
        if (jobExecutorWasActive) {
            jobExecutor.shutdown();
        }
        DefaultListableBeanFactory factory = (DefaultListableBeanFactory) context.getBeanFactory();
        if (factory.containsSingleton(BpmnContract.SCRIPT_DELEGATE_BEAN)) {
            factory.destroySingleton(BpmnContract.SCRIPT_DELEGATE_BEAN);
        }
        JavaDelegate failing = execution -> {
            throw new IllegalStateException("ZeroDivisionError: division by zero");
        };
        factory.registerSingleton(BpmnContract.SCRIPT_DELEGATE_BEAN, failing);
    }

    @AfterAll
    void restore() {
        // the real runner, if any, is created afresh from its definition on the next lookup
        ((DefaultListableBeanFactory) context.getBeanFactory()).destroySingleton(BpmnContract.SCRIPT_DELEGATE_BEAN);
        if (jobExecutorWasActive) {
            jobExecutor().start();
        }
    }

    private JobExecutor jobExecutor() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    @Test
    void aScriptOutOfRetriesWritesTheScriptFailureLine() {
        String scriptName = TestData.unique("sync") + ".py";
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO workflow_workflowscript (name, saved_name, content, description, is_active, creator)
                VALUES (:name, 'x.py', 'print(1)', '', TRUE, 'admin')""").param("name", scriptName).update(keys, "id");
        long scriptId = keys.getKey().longValue();
        HookWorkflowFixture fixture = new HookWorkflowFixture(api(), data(), 6, String.valueOf(scriptId));
        ApiClient.Response created = fixture.as(api(), fixture.creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": " + fixture.workflowId + ", \"transition_id\": " + fixture.submit
                        + ", \"title\": \"run it\"}");
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        long ticketId = created.data().path("ticket_id").asLong();
        String processId = jdbc.sql("SELECT proc_inst_id FROM ticket_ticketrecord WHERE id = :id")
                .param("id", ticketId).query(String.class).single();

        for (int attempt = 1; attempt <= 3; attempt++) {
            Job job = management.createJobQuery().processInstanceId(processId).singleResult();
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("ZeroDivisionError");
        }

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(processId).count()).isOne();
        Map<String, Object> ticket = jdbc.sql("SELECT state_id, script_run_last_result FROM ticket_ticketrecord"
                + " WHERE id = :id").param("id", ticketId).query().singleRow();
        assertThat(((Number) ticket.get("state_id")).longValue()).isEqualTo(fixture.hook);
        assertThat((Boolean) ticket.get("script_run_last_result")).isFalse();
        List<Map<String, Object>> lines = jdbc.sql("""
                        SELECT transition_id, suggestion, participant_type_id, participant, state_id, intervene_type_id,
                          ticket_data, creator FROM ticket_ticketflowlog WHERE ticket_id = :id ORDER BY id""")
                .param("id", ticketId).query().listOfRows();
        assertThat(lines).hasSize(2);
        Map<String, Object> failure = lines.get(1);
        assertThat(((Number) failure.get("transition_id")).longValue()).isEqualTo(fixture.hooked);
        assertThat(((Number) failure.get("participant_type_id")).intValue()).isEqualTo(6);
        assertThat(failure.get("participant")).isEqualTo("脚本:(id:" + scriptId + ", name:" + scriptName + ")");
        assertThat(failure.get("creator")).isEqualTo("loonrobot");
        assertThat(((Number) failure.get("state_id")).longValue()).isEqualTo(fixture.hook);
        assertThat((String) failure.get("suggestion")).contains("ZeroDivisionError: division by zero");
        assertThat(failure.get("ticket_data")).isEqualTo("");

        ApiClient.Response listed = fixture.admin.get("/api/v1.0/automation/incidents?ticket_id=" + ticketId);
        assertThat(listed.data().path("value").get(0).path("kind").asText()).isEqualTo("script");
    }
}
