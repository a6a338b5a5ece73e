package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Child tickets (spec §5.16): a parent waiting with {@code loonrobot} as participant moves on by its first transition
 * when the last of its children created for that state ends; parent ids are checked on create; type 8 participants
 * read the parent's fields.
 */
class TicketParentChildTest extends IntegrationTest {

    private TicketWorkflowFixture parentFlow;
    private TicketWorkflowFixture childFlow;
    private String creator;
    private String worker;
    private long parentSubmit;
    private long waitForChildren;
    private long parentReview;
    private long childSubmit;
    private long childDone;
    private long childEnd;

    @BeforeEach
    void defineParentAndChildWorkflows() {
        creator = TestData.unique("creator");
        worker = TestData.unique("worker");
        data().user(creator, false, false);
        data().user(worker, false, false);

        parentFlow = new TicketWorkflowFixture(api(), data());
        parentFlow.workflow(TestData.unique("parent"));
        parentFlow.field("assignee", 5, "{}");
        long start = parentFlow.state("draft", 1, 0, "", 1, "{\"assignee\": 3}");
        waitForChildren = parentFlow.state("children working", 0, 1, "loonrobot", 1, "{}");
        parentReview = parentFlow.state("review", 0, 1, creator, 1, "{}");
        long end = parentFlow.state("closed", 2, 0, "", 1, "{}");
        parentSubmit = parentFlow.transition("split", start, waitForChildren, 1, false, "[]");
        parentFlow.transition("all done", waitForChildren, parentReview, 1, false, "[]");
        parentFlow.transition("ok", parentReview, end, 1, false, "[]");

        // the child's worker is the parent's "assignee" field (participant type 8)
        childFlow = new TicketWorkflowFixture(api(), data());
        childFlow.workflow(TestData.unique("child"));
        long childStart = childFlow.state("draft", 1, 0, "", 1, "{}");
        long work = childFlow.state("work", 0, 8, "assignee", 1, "{}");
        childEnd = childFlow.state("finished", 2, 0, "", 1, "{}");
        childSubmit = childFlow.transition("start", childStart, work, 1, false, "[]");
        childDone = childFlow.transition("done", work, childEnd, 1, false, "[]");
        // the child workflow's app may also use the parent's workflow
        data().allowApp(childFlow.app, parentFlow.workflowId);
    }

    private long createParent() {
        ApiClient.Response created = api().signed(parentFlow.app, parentFlow.token).username(creator).post(
                "/api/v1.0/tickets", "{\"workflow_id\": %d, \"transition_id\": %d, \"assignee\": \"%s\"}"
                        .formatted(parentFlow.workflowId, parentSubmit, worker));
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        return created.data().path("ticket_id").asLong();
    }

    private ApiClient.Response createChild(long parentId, long parentStateId) {
        return api().signed(childFlow.app, childFlow.token).username(creator).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"parent_ticket_id\": %d, \"parent_ticket_state_id\": %d}"
                        .formatted(childFlow.workflowId, childSubmit, parentId, parentStateId));
    }

    private long stateOf(long ticketId) {
        return jdbc.sql("SELECT state_id FROM ticket_ticketrecord WHERE id = :id").param("id", ticketId)
                .query(Long.class).single();
    }

    private void finish(long childId) {
        ApiClient.Response handled = api().signed(childFlow.app, childFlow.token).username(worker)
                .patch("/api/v1.0/tickets/" + childId, "{\"transition_id\": " + childDone + "}");
        assertThat(handled.code()).as(handled.toString()).isEqualTo(0);
    }

    @Test
    void parentMovesOnWhenItsLastChildEnds() {
        long parentId = createParent();
        ApiClient.Response first = createChild(parentId, waitForChildren);
        ApiClient.Response second = createChild(parentId, waitForChildren);
        assertThat(first.code()).as(first.toString()).isEqualTo(0);
        assertThat(second.code()).as(second.toString()).isEqualTo(0);
        long firstId = first.data().path("ticket_id").asLong();
        long secondId = second.data().path("ticket_id").asLong();
        // type 8: the parent's field names the child's handler
        assertThat(jdbc.sql("SELECT participant FROM ticket_ticketrecord WHERE id = :id").param("id", firstId)
                .query(String.class).single()).isEqualTo(worker);

        finish(firstId);
        assertThat(stateOf(firstId)).isEqualTo(childEnd);
        assertThat(stateOf(parentId)).isEqualTo(waitForChildren);

        finish(secondId);
        assertThat(stateOf(parentId)).isEqualTo(parentReview);
        Map<String, Object> line = jdbc.sql("SELECT participant, suggestion, state_id FROM ticket_ticketflowlog"
                + " WHERE ticket_id = :id ORDER BY id DESC").param("id", parentId).query().listOfRows().get(0);
        assertThat(line.get("participant")).isEqualTo("loonrobot");
        assertThat(line.get("suggestion")).isEqualTo("所有子工单处理完毕，自动流转");
        assertThat(((Number) line.get("state_id")).longValue()).isEqualTo(waitForChildren);
    }

    @Test
    void aParentThatLeftTheStateIsNotMoved() {
        long parentId = createParent();
        long childId = createChild(parentId, waitForChildren).data().path("ticket_id").asLong();
        ApiClient.Response forced = api().signed(parentFlow.app, parentFlow.token).username(parentFlow.adminName)
                .put("/api/v1.0/tickets/" + parentId + "/state", "{\"state_id\": " + parentReview + "}");
        assertThat(forced.code()).as(forced.toString()).isEqualTo(0);
        finish(childId);
        assertThat(stateOf(childId)).isEqualTo(childEnd);
        assertThat(stateOf(parentId)).isEqualTo(parentReview);
    }

    @Test
    void parentIdsAreChecked() {
        long parentId = createParent();
        ApiClient.Response missingParent = createChild(987654321L, waitForChildren);
        assertThat(missingParent.code()).isEqualTo(-1);
        assertThat(missingParent.msg()).contains("parent ticket 987654321");
        ApiClient.Response foreignState = createChild(parentId, childEnd);
        assertThat(foreignState.code()).isEqualTo(-1);
        assertThat(foreignState.msg()).contains("parent_ticket_state_id");
        ApiClient.Response half = api().signed(childFlow.app, childFlow.token).username(creator).post(
                "/api/v1.0/tickets", "{\"workflow_id\": %d, \"transition_id\": %d, \"parent_ticket_id\": %d}"
                        .formatted(childFlow.workflowId, childSubmit, parentId));
        assertThat(half.code()).isEqualTo(-1);
        String strangerApp = TestData.unique("stranger");
        String strangerToken = data().appToken(strangerApp, "");
        data().allowApp(strangerApp, childFlow.workflowId);
        ApiClient.Response stranger = api().signed(strangerApp, strangerToken).username(creator).post(
                "/api/v1.0/tickets", "{\"workflow_id\": %d, \"transition_id\": %d, \"parent_ticket_id\": %d,"
                        .formatted(childFlow.workflowId, childSubmit, parentId)
                        + " \"parent_ticket_state_id\": " + waitForChildren + "}");
        assertThat(stranger.code()).isEqualTo(-1);
        assertThat(stranger.msg()).contains("permission");
    }
}
