package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** participant_info (§4.18), batch states (§4.21) and num_statistics (§4.22) over real HTTP. */
class TicketReadApiTest extends IntegrationTest {

    private TicketRows rows;
    private long wf1;
    private long wf2;
    private long foreign;
    private long state1;
    private long state2;
    private long foreignState;
    private String app;
    private String token;
    private String alice;
    private String bob;

    @BeforeEach
    void world() {
        rows = new TicketRows(jdbc);
        alice = TestData.unique("alice");
        bob = TestData.unique("bob");
        rows.user(alice, "Alice A", 0);
        rows.user(bob, "Bob B", 0);
        wf1 = rows.workflow(TestData.unique("wf1"), "admin");
        wf2 = rows.workflow(TestData.unique("wf2"), "admin");
        foreign = rows.workflow(TestData.unique("foreign"), "admin");
        state1 = rows.state(wf1, "approving", 0, "{}");
        state2 = rows.state(wf2, "reviewing", 0, "{}");
        foreignState = rows.state(foreign, "x", 0, "{}");
        app = TestData.unique("app");
        token = rows.appToken(app, wf1 + "," + wf2);
    }

    private ApiClient as(String username) {
        ApiClient client = api().signed(app, token);
        return username == null ? client : client.username(username);
    }

    private static JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isZero();
        return response.data();
    }

    private static void fails(ApiClient.Response response, String message, String data) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isEqualTo(-1);
        assertThat(response.msg()).contains(message);
        assertThat(response.data().toString()).isEqualTo(data);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String participantInfo(long ticketId) {
        return "/api/v1.0/tickets/" + ticketId + "/participant_info";
    }

    // ---------------------------------------------------------------- participant_info

    @Test
    void participantInfoListsTheCurrentHandlersContactData() {
        String ghost = TestData.unique("ghost");
        long single = rows.ticket(wf1, state1).participant(1, alice).insert();
        JsonNode data = ok(as(null).get(participantInfo(single)));
        assertThat(keys(data)).containsExactly("participant_username_list", "participant_info_list");
        assertThat(texts(data.path("participant_username_list"))).containsExactly(alice);
        JsonNode info = data.path("participant_info_list").get(0);
        assertThat(keys(info)).containsExactly("username", "alias", "phone", "email");
        assertThat(info.path("alias").asText()).isEqualTo("Alice A");
        assertThat(info.path("email").asText()).isEqualTo(alice + "@example.com");

        long empty = rows.ticket(wf1, state1).participant(1, "").insert();
        data = ok(as(null).get(participantInfo(empty)));
        assertThat(texts(data.path("participant_username_list"))).containsExactly("");
        assertThat(data.path("participant_info_list")).isEmpty();

        // several: the names as stored, the live users among them in user id order
        String deleted = TestData.unique("deleted");
        rows.user(deleted, "D", 0);
        rows.deleteUser(deleted);
        long multi = rows.ticket(wf2, state2).participant(2, bob + "," + ghost + "," + alice + "," + deleted).insert();
        data = ok(as(null).get(participantInfo(multi)));
        assertThat(texts(data.path("participant_username_list"))).containsExactly(bob, ghost, alice, deleted);
        List<String> users = new ArrayList<>();
        data.path("participant_info_list").forEach(u -> users.add(u.path("username").asText()));
        assertThat(users).containsExactly(alice, bob);

        // legacy dept and role participants: their members
        long dept = rows.dept(TestData.unique("dept"), 0, "", "");
        String member = TestData.unique("member");
        long memberId = rows.user(member, "Member", dept);
        long deptTicket = rows.ticket(wf1, state1).participant(3, String.valueOf(dept)).insert();
        assertThat(texts(ok(as(null).get(participantInfo(deptTicket))).path("participant_username_list")))
                .containsExactly(member);
        long role = rows.role(TestData.unique("role"));
        rows.userRole(memberId, role);
        long roleTicket = rows.ticket(wf1, state1).participant(4, String.valueOf(role)).insert();
        data = ok(as(null).get(participantInfo(roleTicket)));
        assertThat(texts(data.path("participant_username_list"))).containsExactly(member);
        assertThat(data.path("participant_info_list").get(0).path("alias").asText()).isEqualTo("Member");

        // script and hook states: nobody
        long hook = rows.ticket(wf1, state1).participant(10, "***").insert();
        data = ok(as(null).get(participantInfo(hook)));
        assertThat(data.path("participant_username_list")).isEmpty();
        assertThat(data.path("participant_info_list")).isEmpty();
        long badRole = rows.ticket(wf1, state1).participant(4, "x").insert();
        fails(as(null).get(participantInfo(badRole)), "invalid literal for int()", "{}");
    }

    @Test
    void participantInfoChecksTheTicketAndTheAppsWorkflows() {
        fails(as(alice).get(participantInfo(99999999L)), "ticket is not existed or has been deleted", "{}");
        long deleted = rows.ticket(wf1, state1).participant(1, alice).deleted().insert();
        fails(as(alice).get(participantInfo(deleted)), "ticket is not existed or has been deleted", "{}");
        // loonflow let any app read any ticket's handlers; only the app's workflows are visible now
        long other = rows.ticket(foreign, foreignState).participant(1, alice).insert();
        fails(as(alice).get(participantInfo(other)), "the app has no permission to the workflow_id", "{}");
    }

    // ---------------------------------------------------------------- states

    @Test
    void batchStatesKeyedByTicketIdIncludingSoftDeletedTickets() {
        long a = rows.ticket(wf1, state1).insert();
        long b = rows.ticket(wf2, state2).deleted().insert();
        long c = rows.ticket(foreign, foreignState).insert();
        long d = rows.ticket(wf1, 99999999L).insert();
        ApiClient.Response response = as(null).get("/api/v1.0/tickets/states?ticket_ids=" + d + "," + b + ",%20" + a
                + "," + c + ",99999999," + a);
        JsonNode data = ok(response);
        assertThat(keys(data)).containsExactly(String.valueOf(a), String.valueOf(b), String.valueOf(d));
        assertThat(keys(data.path(String.valueOf(a)))).containsExactly("state_id", "state_name");
        assertThat(data.path(String.valueOf(a)).path("state_id").asLong()).isEqualTo(state1);
        assertThat(data.path(String.valueOf(a)).path("state_name").asText()).isEqualTo("approving");
        assertThat(data.path(String.valueOf(b)).path("state_name").asText()).isEqualTo("reviewing");
        assertThat(data.path(String.valueOf(d)).path("state_name").asText()).isEqualTo("未知状态");
        assertThat(response.body()).contains("\"" + a + "\":{\"state_id\":" + state1);

        fails(as(null).get("/api/v1.0/tickets/states"), "ticket_ids is required", "\"\"");
        fails(as(null).get("/api/v1.0/tickets/states?ticket_ids="), "ticket_ids is required", "\"\"");
        fails(as(null).get("/api/v1.0/tickets/states?ticket_ids=1,x"), "ticket_ids must be comma-separated", "\"\"");
        fails(as(null).get("/api/v1.0/tickets/states?ticket_ids=1,,2"), "ticket_ids must be comma-separated", "\"\"");
    }

    // ---------------------------------------------------------------- num_statistics

    @Test
    void numStatisticsCountsPerDayAndManagedWorkflowWithWorkingDateFilters() {
        String manager = TestData.unique("manager");
        rows.user(manager, "Manager", 0);
        rows.workflowAdmin(wf1, manager);
        rows.workflowAdmin(wf2, manager);
        rows.workflowAdmin(foreign, manager);
        LocalDateTime day1 = LocalDateTime.of(2021, 3, 1, 9, 0);
        LocalDateTime day2 = LocalDateTime.of(2021, 3, 2, 23, 59, 59);
        rows.ticket(wf1, state1).created(day1).insert();
        rows.ticket(wf1, state1).created(day1.plusHours(5)).insert();
        rows.ticket(wf2, state2).created(day1).insert();
        rows.ticket(wf1, state1).created(day2).insert();
        rows.ticket(wf1, state1).created(day2).deleted().insert();
        rows.ticket(foreign, foreignState).created(day2).insert(); // managed, but not the app's workflow
        String wf1Name = jdbc.sql("SELECT name FROM workflow_workflow WHERE id = :id").param("id", wf1)
                .query(String.class).single();
        String wf2Name = jdbc.sql("SELECT name FROM workflow_workflow WHERE id = :id").param("id", wf2)
                .query(String.class).single();

        JsonNode all = ok(as(manager).get("/api/v1.0/tickets/num_statistics"));
        assertThat(all).hasSize(3);
        assertThat(keys(all.get(0))).containsExactly("day", "type", "count");
        assertThat(all.get(0).path("day").asText()).isEqualTo("2021-03-01");
        assertThat(all.get(0).path("type").asText()).isEqualTo(wf1Name);
        assertThat(all.get(0).path("count").asInt()).isEqualTo(2);
        assertThat(all.get(1).path("type").asText()).isEqualTo(wf2Name);
        assertThat(all.get(1).path("count").asInt()).isEqualTo(1);
        assertThat(all.get(2).path("day").asText()).isEqualTo("2021-03-02");
        assertThat(all.get(2).path("count").asInt()).isEqualTo(1);

        // the dates loonflow ignored: start inclusive, a date-only end includes its whole day
        JsonNode second = ok(as(manager).get("/api/v1.0/tickets/num_statistics?start_date=2021-03-02"));
        assertThat(second).hasSize(1);
        assertThat(second.get(0).path("day").asText()).isEqualTo("2021-03-02");
        JsonNode first = ok(as(manager).get("/api/v1.0/tickets/num_statistics?end_date=2021-03-01"));
        assertThat(first).hasSize(2);
        JsonNode both = ok(as(manager).get("/api/v1.0/tickets/num_statistics?start_date=2021-03-01%2010:00"
                + "&end_date=2021-03-02"));
        assertThat(both).hasSize(2);
        assertThat(both.get(0).path("count").asInt()).isEqualTo(1);
        JsonNode beforeEnd = ok(as(manager).get("/api/v1.0/tickets/num_statistics?end_date=2021-03-02%2023:59:58"
                + "&start_date=2021-03-02"));
        assertThat(beforeEnd).isEmpty();

        // a user who manages nothing, or no user: empty
        assertThat(ok(as(alice).get("/api/v1.0/tickets/num_statistics"))).isEmpty();
        assertThat(ok(as(null).get("/api/v1.0/tickets/num_statistics"))).isEmpty();
        fails(as(manager).get("/api/v1.0/tickets/num_statistics?start_date=yesterday"), "start_date", "{}");
        fails(as(manager).get("/api/v1.0/tickets/num_statistics?end_date=2021-02-30"), "end_date", "{}");
    }
}
