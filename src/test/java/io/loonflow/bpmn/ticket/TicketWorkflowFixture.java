package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;

/**
 * Defines workflows the way an administrator does, through the signed admin API (so they are compiled and
 * deployed for real), and gives a caller app allowed to use them.
 */
final class TicketWorkflowFixture {

    final ApiClient admin;
    final String app;
    final String token;
    final String adminName;
    final TestData data;
    long workflowId;

    TicketWorkflowFixture(ApiClient anonymous, TestData data) {
        this.data = data;
        this.adminName = TestData.unique("wfadmin");
        data.user(adminName, true, true);
        this.app = TestData.unique("app");
        this.token = data.appToken(app, "");
        this.admin = anonymous.signed(app, token).username(adminName);
    }

    long workflow(String name) {
        ApiClient.Response created = admin.post("/api/v1.0/workflows",
                "{\"name\": \"" + name + "\", \"workflow_admin\": \"" + adminName + "\"}");
        assertThat(created.code()).as(created.toString()).isEqualTo(0);
        workflowId = created.data().path("workflow_id").asLong();
        data.allowApp(app, workflowId);
        return workflowId;
    }

    long state(String name, int type, int participantType, String participant, int distribute, String fields) {
        return state(name, type, participantType, participant, distribute, fields, false);
    }

    long state(String name, int type, int participantType, String participant, int distribute, String fields,
               boolean enableRetreat) {
        ApiClient.Response response = admin.post("/api/v1.0/workflows/" + workflowId + "/states",
                "{\"name\": \"" + name + "\", \"order_id\": 0, \"type_id\": " + type + ", \"participant_type_id\": "
                        + participantType + ", \"participant\": " + ApiClient.quote(participant)
                        + ", \"distribute_type_id\": " + distribute + ", \"state_field_str\": "
                        + ApiClient.quote(fields) + ", \"enable_retreat\": " + enableRetreat + "}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("state_id").asLong();
    }

    long transition(String name, long source, long destination, int attribute, boolean requireFields,
                    String conditions) {
        ApiClient.Response response = admin.post("/api/v1.0/workflows/" + workflowId + "/transitions",
                "{\"name\": \"" + name + "\", \"transition_type_id\": 1, \"source_state_id\": " + source
                        + ", \"destination_state_id\": " + destination + ", \"attribute_type_id\": " + attribute
                        + ", \"field_require_check\": " + (requireFields ? 1 : 0) + ", \"condition_expression\": "
                        + ApiClient.quote(conditions) + "}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("value").path("transition_id").asLong();
    }

    long field(String key, int type, String choices) {
        ApiClient.Response response = admin.post("/api/v1.0/workflows/" + workflowId + "/custom_fields",
                "{\"field_key\": \"" + key + "\", \"field_name\": \"" + key + "\", \"field_type_id\": " + type
                        + ", \"order_id\": 1, \"field_choice\": " + ApiClient.quote(choices) + "}");
        assertThat(response.code()).as(response.toString()).isEqualTo(0);
        return response.data().path("value").path("custom_field_id").asLong();
    }

    /** Creates a ticket of the workflow defined last, as {@code username}, leaving the start state by {@code transition}. */
    long ticket(String username, long transition) {
        ApiClient.Response created = admin.signed(app, token).username(username).post("/api/v1.0/tickets",
                "{\"workflow_id\": %d, \"transition_id\": %d, \"title\": \"t\"}".formatted(workflowId, transition));
        assertThat(created.code()).as(created.toString()).isZero();
        return created.data().path("ticket_id").asLong();
    }

    /** The states and transitions of {@link #approval}. */
    record Approval(String creator, String approver, long draft, long approve, long done, long submit, long agree) {
    }

    /** A new workflow draft → approve (one approver) → done, with two new users: the shortest approval. */
    Approval approval() {
        String creator = TestData.unique("creator");
        String approver = TestData.unique("approver");
        data.user(creator, false, false);
        data.user(approver, false, false);
        workflow(TestData.unique("approval"));
        long draft = state("draft", 1, 0, "", 1, "{}");
        long approve = state("approve", 0, 1, approver, 1, "{}");
        long done = state("done", 2, 0, "", 1, "{}");
        return new Approval(creator, approver, draft, approve, done, transition("submit", draft, approve, 1, false, "[]"),
                transition("agree", approve, done, 1, false, "[]"));
    }

    /** The states and transitions of {@link #approvalChain}. */
    record ApprovalChain(String creator, String approver, String reviewer, long approve, long review, long done,
                         long submit, long agree, long close) {
    }

    /**
     * A new workflow draft → approve (one approver) → review (one reviewer) → done, with three new users: the
     * shape of a usual approval, where a handle moves the ticket to the next person.
     */
    ApprovalChain approvalChain() {
        String creator = TestData.unique("creator");
        String approver = TestData.unique("approver");
        String reviewer = TestData.unique("reviewer");
        for (String user : new String[] {creator, approver, reviewer}) {
            data.user(user, false, false);
        }
        workflow(TestData.unique("chain"));
        long draft = state("draft", 1, 0, "", 1, "{}");
        long approve = state("approve", 0, 1, approver, 1, "{}");
        long review = state("review", 0, 1, reviewer, 1, "{}");
        long done = state("done", 2, 0, "", 1, "{}");
        return new ApprovalChain(creator, approver, reviewer, approve, review, done,
                transition("submit", draft, approve, 1, false, "[]"), transition("agree", approve, review, 1, false, "[]"),
                transition("close", review, done, 1, false, "[]"));
    }
}
