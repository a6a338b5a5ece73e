package io.loonflow.bpmn.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.serializer.support.SerializingConverter;

/** {@code GET /api/v1.0/workflows/{id}/bpmn} over real HTTP. */
class BpmnEndpointTest extends IntegrationTest {

    private DefinitionFixture fixture;
    private long workflowId;
    private long review;

    @BeforeEach
    void workflow() {
        fixture = new DefinitionFixture(jdbc);
        workflowId = fixture.workflow();
        long draft = fixture.start(workflowId, "草稿");
        review = fixture.normal(workflowId, "审批");
        fixture.transition(workflowId, "提交", draft, review);
        fixture.transition(workflowId, "同意", review, fixture.end(workflowId, "结束"));
        fixture.transition(workflowId, "拒绝", review, draft);
    }

    private static String path(long id) {
        return "/api/v1.0/workflows/" + id + "/bpmn";
    }

    private ApiClient appAllowedFor(String workflowIds) {
        String app = TestData.unique("app");
        return api().signed(app, data().appToken(app, workflowIds));
    }

    @Test
    void aPermittedAppGetsTheCompiledXmlWithItsDiagram() {
        ApiClient.Response response = appAllowedFor("1," + workflowId).get(path(workflowId));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).singleElement().asString().startsWith("application/xml");
        BpmnModelInstance model = Bpmn.readModelFromStream(
                new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        Process process = model.getModelElementById(BpmnContract.processKey(workflowId));
        assertThat(process.isExecutable()).isTrue();
        assertThat(model.<org.camunda.bpm.model.bpmn.instance.UserTask>getModelElementById(
                BpmnContract.stateActivityId(review)).getName()).isEqualTo("审批");
        new DiagramChecks(model).assertClean();
    }

    @Test
    void anAppThatMayNotUseTheWorkflowIsRefused() {
        ApiClient.Response response = appAllowedFor("1").get(path(workflowId));
        assertThat(response.code()).isEqualTo(-1);
        assertThat(response.msg()).startsWith("APP:app_").endsWith(" have no permission to get this workflow info");
    }

    @Test
    void anUnknownOrDeletedWorkflowIsReported() {
        long unknown = workflowId + 1_000_000;
        ApiClient.Response missing = appAllowedFor(String.valueOf(unknown)).get(path(unknown));
        assertThat(missing.code()).isEqualTo(-1);
        assertThat(missing.msg()).isEqualTo("workflow is not existed or has been deleted");

        fixture.deleteWorkflow(workflowId);
        ApiClient.Response deleted = appAllowedFor(String.valueOf(workflowId)).get(path(workflowId));
        assertThat(deleted.code()).isEqualTo(-1);
        assertThat(deleted.msg()).isEqualTo("workflow is not existed or has been deleted");
    }

    @Test
    void aDefinitionThatCannotBeCompiledGivesTheReason() {
        long broken = fixture.workflow();
        fixture.normal(broken, "no start");
        ApiClient.Response response = appAllowedFor(String.valueOf(broken)).get(path(broken));
        assertThat(response.code()).isEqualTo(-1);
        assertThat(response.msg()).isEqualTo("workflow " + broken + " can not be compiled to BPMN: workflow " + broken
                + " has no start state");
    }

    @Test
    void aFailureIsJsonEvenWhenTheCallerAsksForXml() {
        ApiClient.Response response = appAllowedFor("1").header("Accept", "application/xml").get(path(workflowId));
        assertThat(response.code()).isEqualTo(-1);
    }

    @Test
    void aConsoleSessionMayReadEveryWorkflow() {
        String username = TestData.unique("user");
        data().user(username, false, true);
        ApiClient.Response response = api().header("Cookie", "sessionid=" + consoleSession(username))
                .get(path(workflowId));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"" + BpmnContract.processKey(workflowId) + "\"");
    }

    /** A logged-in console session as Spring Session JDBC stores it; returns the cookie value. */
    private String consoleSession(String username) {
        String primaryId = UUID.randomUUID().toString();
        String sessionId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        jdbc.sql("""
                INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME,
                                            MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME)
                VALUES (:primary, :session, :now, :now, 3600, :expiry, NULL)""")
                .param("primary", primaryId).param("session", sessionId).param("now", now)
                .param("expiry", now + 3_600_000).update();
        jdbc.sql("""
                INSERT INTO SPRING_SESSION_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
                VALUES (:primary, 'loonflow.username', :bytes)""") // ConsoleSession.USERNAME_ATTRIBUTE
                .param("primary", primaryId).param("bytes", new SerializingConverter().convert(username)).update();
        return Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.UTF_8));
    }
}
