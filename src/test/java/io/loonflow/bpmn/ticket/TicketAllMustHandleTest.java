package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.TestData;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Everyone must handle" states (distribute type 4) over real HTTP: each choice is recorded under the ticket's
 * row lock, the engine's task stays offered to the users still pending, and it is completed only when everyone
 * chose the same transition.
 */
class TicketAllMustHandleTest extends InterventionTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String creator;
    private String a;
    private String b;
    private String c;
    private String d;
    private String e;
    private long start;
    private long vote;
    private long secondVote;
    private long end;
    private long submit;
    private long agree;
    private long reject;
    private long finalAgree;

    @BeforeEach
    void defineWorkflow() {
        creator = user("creator");
        a = user("a");
        b = user("b");
        c = user("c");
        d = user("d");
        e = user("e");
        fixture.workflow(TestData.unique("allhandle"));
        start = fixture.state("draft", 1, 0, "", 1, "{}");
        vote = fixture.state("vote", 0, 2, a + "," + b + "," + c, 4, "{}");
        secondVote = fixture.state("second vote", 0, 2, d + "," + e, 4, "{}");
        end = fixture.state("done", 2, 0, "", 1, "{}");
        submit = fixture.transition("submit", start, vote, 1, false, "[]");
        agree = fixture.transition("agree", vote, secondVote, 1, false, "[]");
        reject = fixture.transition("reject", vote, start, 2, false, "[]");
        finalAgree = fixture.transition("final agree", secondVote, end, 1, false, "[]");
    }

    private JsonNode progress(long ticketId) throws Exception {
        return JSON.readTree((String) column(ticketId, "multi_all_person"));
    }

    @Test
    void theTaskIsCompletedWhenEveryoneChoseTheSameTransitionAndTheNextAllStateVotesAgain() throws Exception {
        long ticketId = create(creator, submit, "");
        assertThat(participant(ticketId)).isEqualTo(a + "," + b + "," + c);
        assertThat(participantType(ticketId)).isEqualTo(2);
        assertThat(progress(ticketId).fieldNames()).toIterable().containsExactly(a, b, c);
        assertThat(candidates(task(ticketId))).containsExactlyInAnyOrder(a, b, c);

        ok(handle(a, ticketId, agree));
        assertThat(stateOf(ticketId)).isEqualTo(vote);
        assertThat(participant(ticketId)).isEqualTo(b + "," + c);
        assertThat(progress(ticketId).path(a).path("transition_id").asLong()).isEqualTo(agree);
        assertThat(progress(ticketId).path(a).path("transition_name").asText()).isEqualTo("agree");
        assertThat(progress(ticketId).path(b).isEmpty()).isTrue();
        assertThat(process(ticketId)).isWaitingAt("state_" + vote);
        Task task = task(ticketId);
        assertThat(task.getAssignee()).isNull();
        assertThat(candidates(task)).containsExactlyInAnyOrder(b, c);
        assertThat(inProcess(ticketId)).containsExactlyInAnyOrder(b, c);
        Map<String, Object> line = lastLog(ticketId);
        assertThat(number(line, "transition_id")).isEqualTo(agree);
        assertThat(number(line, "state_id")).isEqualTo(vote);
        assertThat(line.get("participant")).isEqualTo(a);
        refused(handle(a, ticketId, agree), "not crrent participant, no permission");

        ok(handle(b, ticketId, agree));
        assertThat(participant(ticketId)).isEqualTo(c);
        assertThat(task(ticketId)).isAssignedTo(c);
        ok(handle(c, ticketId, agree));

        // the second all-must-handle state is one too (loonflow bug 13 made it a plain multi-person state)
        assertThat(stateOf(ticketId)).isEqualTo(secondVote);
        assertThat(participant(ticketId)).isEqualTo(d + "," + e);
        assertThat(progress(ticketId).fieldNames()).toIterable().containsExactly(d, e);
        assertThat(process(ticketId)).isWaitingAt("state_" + secondVote);
        assertThat(candidates(task(ticketId))).containsExactlyInAnyOrder(d, e);
        ok(handle(d, ticketId, finalAgree));
        assertThat(stateOf(ticketId)).isEqualTo(secondVote);
        ok(handle(e, ticketId, finalAgree));
        assertThat(stateOf(ticketId)).isEqualTo(end);
        assertThat(act(ticketId)).isEqualTo(4);
        assertThat((String) column(ticketId, "multi_all_person")).isEqualTo("{}");
        assertThat(process(ticketId)).isNull();
    }

    @Test
    void divergentChoicesLeaveTheTicketForAnAdministrator() throws Exception {
        long ticketId = create(creator, submit, "");
        ok(handle(a, ticketId, agree));
        ok(handle(b, ticketId, reject));
        assertThat(act(ticketId)).isEqualTo(2); // a refuse choice marks the ticket as sent back, as loonflow
        ok(handle(c, ticketId, agree));
        assertThat(act(ticketId)).isEqualTo(1);

        assertThat(stateOf(ticketId)).isEqualTo(vote);
        assertThat(participant(ticketId)).isEmpty();
        assertThat(participantType(ticketId)).isEqualTo(2);
        assertThat(progress(ticketId).path(b).path("transition_id").asLong()).isEqualTo(reject);
        assertThat(process(ticketId)).isWaitingAt("state_" + vote);
        Task stuck = task(ticketId);
        assertThat(stuck.getAssignee()).isNull();
        assertThat(candidates(stuck)).isEmpty();
        assertThat(inProcess(ticketId)).isEmpty();
        for (String voter : List.of(a, b, c)) {
            refused(handle(voter, ticketId, agree), "not crrent participant, no permission");
        }

        ok(as(manager()).post("/api/v1.0/tickets/" + ticketId + "/deliver",
                "{\"target_username\": \"" + a + "\", \"from_admin\": 1}"));
        assertThat((String) column(ticketId, "multi_all_person")).isEqualTo("{}");
        assertThat(participant(ticketId)).isEqualTo(a);
        assertThat(task(ticketId)).isAssignedTo(a);
        ok(handle(a, ticketId, agree));
        assertThat(stateOf(ticketId)).isEqualTo(secondVote);
    }

    @Test
    void twoParticipantsChoosingAtOnceAreBothRecorded() throws Exception {
        long ticketId = create(creator, submit, "");
        List<ApiClient.Response> responses = simultaneously(List.of(
                () -> handle(a, ticketId, agree), () -> handle(b, ticketId, agree)));
        assertThat(responses).extracting(ApiClient.Response::code).containsExactly(0, 0);
        assertThat(participant(ticketId)).isEqualTo(c);
        assertThat(progress(ticketId).path(a).path("transition_id").asLong()).isEqualTo(agree);
        assertThat(progress(ticketId).path(b).path("transition_id").asLong()).isEqualTo(agree);
        assertThat(candidates(task(ticketId))).isEmpty();
        assertThat(task(ticketId)).isAssignedTo(c);
        ok(handle(c, ticketId, agree));
        assertThat(stateOf(ticketId)).isEqualTo(secondVote);
    }

    @Test
    void aPendingParticipantDeliversTheirPlace() throws Exception {
        long ticketId = create(creator, submit, "");
        String f = user("f");
        ApiClient.Response taken = as(a).post("/api/v1.0/tickets/" + ticketId + "/deliver",
                "{\"target_username\": \"" + b + "\"}");
        refused(taken, "target_username: " + b + " already takes part in this state");

        ok(as(a).post("/api/v1.0/tickets/" + ticketId + "/deliver", "{\"target_username\": \"" + f + "\"}"));
        assertThat(progress(ticketId).fieldNames()).toIterable().containsExactly(f, b, c);
        assertThat(participant(ticketId)).isEqualTo(f + "," + b + "," + c);
        assertThat(candidates(task(ticketId))).containsExactlyInAnyOrder(f, b, c);
        refused(handle(a, ticketId, agree), "not crrent participant, no permission");
        for (String voter : List.of(f, b, c)) {
            ok(handle(voter, ticketId, agree));
        }
        assertThat(stateOf(ticketId)).isEqualTo(secondVote);
    }

    @Test
    void aCoSignInAnAllStateGivesTheTicketBackToEveryoneStillPending() throws Exception {
        long ticketId = create(creator, submit, "");
        ok(handle(a, ticketId, agree));
        String helper = user("helper");
        ok(as(b).post("/api/v1.0/tickets/" + ticketId + "/add_node", "{\"target_username\": \"" + helper + "\"}"));
        assertThat(participant(ticketId)).isEqualTo(helper);
        refused(handle(c, ticketId, agree), "not current participant, no permission");
        ok(as(helper).post("/api/v1.0/tickets/" + ticketId + "/add_node_end", "{}"));
        assertThat(participant(ticketId)).isEqualTo(b + "," + c);
        Task task = task(ticketId);
        assertThat(task.getAssignee()).isNull();
        assertThat(candidates(task)).containsExactlyInAnyOrder(b, c);
        ok(handle(c, ticketId, agree));
        ok(handle(b, ticketId, agree));
        assertThat(stateOf(ticketId)).isEqualTo(secondVote);
    }

    @Test
    void retreatAndForceStateEndTheVote() throws Exception {
        long ticketId = create(creator, submit, "");
        ok(handle(a, ticketId, agree));
        ok(as(manager()).put("/api/v1.0/tickets/" + ticketId + "/state", "{\"state_id\": " + start + "}"));
        assertThat((String) column(ticketId, "multi_all_person")).isEqualTo("{}");
        assertThat(participant(ticketId)).isEqualTo(creator);
        ok(handle(creator, ticketId, submit));
        // a fresh vote: everyone is pending again
        assertThat(progress(ticketId).fieldNames()).toIterable().containsExactly(a, b, c);
        assertThat(participant(ticketId)).isEqualTo(a + "," + b + "," + c);
        ok(as(manager()).put("/api/v1.0/tickets/" + ticketId + "/state", "{\"state_id\": " + secondVote + "}"));
        assertThat(progress(ticketId).fieldNames()).toIterable().containsExactly(d, e);
        assertThat(candidates(task(ticketId))).containsExactlyInAnyOrder(d, e);
    }
}
