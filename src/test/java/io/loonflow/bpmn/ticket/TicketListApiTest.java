package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1.0/tickets} over real HTTP (ticket spec §4.1, §2.6, §5.19). */
class TicketListApiTest extends IntegrationTest {

    /** loonflow's time text; LocalDateTime.toString() would drop ":00" seconds. */
    private static final java.time.format.DateTimeFormatter SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final String TICKETS = "/api/v1.0/tickets";

    @org.springframework.beans.factory.annotation.Autowired
    private TicketListService service;

    private TicketRows rows;
    /** Two workflows the app may use, one it may not. */
    private long wf1;
    private long wf2;
    private long foreign;
    private long start1;
    private long middle1;
    private long end1;
    private long middle2;
    private long foreignState;
    private String app;
    private String token;
    private String alice;
    private String bob;
    private long deptId;

    @BeforeEach
    void world() {
        rows = new TicketRows(jdbc);
        alice = TestData.unique("alice");
        bob = TestData.unique("bob");
        String leader = TestData.unique("leader");
        rows.user(leader, "Leader L", 0);
        deptId = rows.dept(TestData.unique("dept"), 0, leader, leader);
        rows.user(alice, "Alice A", deptId);
        rows.user(bob, "Bob B", 0);
        wf1 = rows.workflow(TestData.unique("wf1"), "admin");
        wf2 = rows.workflow(TestData.unique("wf2"), "admin");
        foreign = rows.workflow(TestData.unique("foreign"), "admin");
        start1 = rows.state(wf1, "draft", 1, "{}");
        middle1 = rows.state(wf1, "approving", 0, "{\"color\": \"red\"}");
        end1 = rows.state(wf1, "done", 2, "{}");
        middle2 = rows.state(wf2, "reviewing", 0, "{}");
        foreignState = rows.state(foreign, "x", 0, "{}");
        app = TestData.unique("app");
        token = rows.appToken(app, wf1 + "," + wf2);
    }

    private ApiClient as(String username) {
        ApiClient client = api().signed(app, token);
        return username == null ? client : client.username(username);
    }

    private String scope() {
        return "&workflow_ids=" + wf1 + "," + wf2;
    }

    private static JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isZero();
        return response.data();
    }

    private static void fails(ApiClient.Response response, String messagePart) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isEqualTo(-1);
        assertThat(response.msg()).contains(messagePart);
    }

    private static List<Long> ids(JsonNode data) {
        List<Long> ids = new ArrayList<>();
        data.path("value").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- category

    @Test
    void categoryIsRequiredWithLoonflowsMessage() {
        for (String query : List.of("", "?category=", "?category=view", "?category=ALL", "?per_page=5")) {
            ApiClient.Response response = as(alice).get(TICKETS + query);
            fails(response, "");
            assertThat(response.msg())
                    .isEqualTo("category value is invalid, it should be in all, owner, duty, relation");
            assertThat(response.data().isObject() && response.data().isEmpty()).isTrue();
        }
        ok(as(alice).get(TICKETS + "?category=worked"));
    }

    @Test
    void categoriesSelectByCreatorAndHandlerIndex() {
        long owned = rows.ticket(wf1, middle1).creator(alice).participant(1, bob).insert();
        rows.ticketUser(owned, alice, false, false);
        rows.ticketUser(owned, bob, true, false);
        long duty = rows.ticket(wf1, middle1).creator(bob).participant(1, alice).insert();
        rows.ticketUser(duty, bob, false, true);
        rows.ticketUser(duty, alice, true, false);
        long finished = rows.ticket(wf1, end1).creator(bob).act(4).insert();
        rows.ticketUser(finished, alice, true, true); // stale in_process after reaching the end, as in loonflow
        long closed = rows.ticket(wf2, middle2).creator(bob).act(5).insert();
        rows.ticketUser(closed, alice, true, false);
        long sentBack = rows.ticket(wf2, middle2).creator(bob).act(2).participant(2, alice + "," + bob).insert();
        rows.ticketUser(sentBack, alice, true, true);
        long unrelated = rows.ticket(wf2, middle2).creator(bob).insert();
        rows.ticketUser(unrelated, bob, true, false);

        String q = scope() + "&per_page=50";
        assertThat(ids(ok(as(alice).get(TICKETS + "?category=owner" + q)))).containsExactly(owned);
        assertThat(ids(ok(as(alice).get(TICKETS + "?category=duty" + q)))).containsExactlyInAnyOrder(duty, sentBack);
        assertThat(ids(ok(as(alice).get(TICKETS + "?category=relation" + q))))
                .containsExactlyInAnyOrder(owned, duty, finished, closed, sentBack);
        assertThat(ids(ok(as(alice).get(TICKETS + "?category=worked" + q))))
                .containsExactlyInAnyOrder(finished, sentBack);
        // all: every ticket of the app's workflows, whoever asks
        assertThat(ids(ok(as(alice).get(TICKETS + "?category=all" + q))))
                .containsExactlyInAnyOrder(owned, duty, finished, closed, sentBack, unrelated);
        assertThat(ids(ok(as(null).get(TICKETS + "?category=all" + q)))).hasSize(6);
        // username matching is case-insensitive, as MySQL's collation made it in loonflow
        assertThat(ids(ok(as(alice.toUpperCase()).get(TICKETS + "?category=duty" + q))))
                .containsExactlyInAnyOrder(duty, sentBack);
        // without a username the user-based categories match nothing
        for (String category : List.of("owner", "duty", "relation", "worked")) {
            JsonNode data = ok(as(null).get(TICKETS + "?category=" + category + q));
            assertThat(data.path("total").asLong()).isZero();
            assertThat(data.path("value")).isEmpty();
        }
    }

    // ---------------------------------------------------------------- shape

    @Test
    void itemHasTheTicketDictThenStateParticipantCreatorAndWorkflowInfo() {
        LocalDateTime created = LocalDateTime.now().withNano(0).minusHours(2);
        long id = rows.ticket(wf1, middle1).creator(alice).participant(1, bob).relation(alice + "," + bob)
                .title("shape test").sn("shape_sn_1").created(created).insert();
        ApiClient.Response response = as(alice).get(TICKETS + "?category=all&ticket_ids=" + id);
        JsonNode data = ok(response);
        assertThat(keys(data)).containsExactly("value", "per_page", "page", "total");
        assertThat(response.body()).startsWith("{\"code\":0,\"data\":{\"value\":[{\"id\":" + id + ",");
        JsonNode item = data.path("value").get(0);
        assertThat(keys(item)).containsExactly("id", "creator", "gmt_created", "gmt_modified", "is_deleted", "title",
                "workflow_id", "sn", "state_id", "parent_ticket_id", "parent_ticket_state_id", "participant_type_id",
                "participant", "relation", "in_add_node", "add_node_man", "script_run_last_result", "act_state_id",
                "multi_all_person", "state", "participant_info", "creator_info", "workflow_info");
        assertThat(item.path("creator").asText()).isEqualTo(alice);
        assertThat(item.path("gmt_created").asText()).isEqualTo(created.format(SECONDS));
        assertThat(item.path("gmt_modified").asText()).isEqualTo(created.plusSeconds(30).format(SECONDS));
        assertThat(item.path("is_deleted").isBoolean()).isTrue();
        assertThat(item.path("in_add_node").isBoolean()).isTrue();
        assertThat(item.path("script_run_last_result").asBoolean()).isTrue();
        assertThat(item.path("workflow_id").asLong()).isEqualTo(wf1);
        assertThat(item.path("state_id").asLong()).isEqualTo(middle1);
        assertThat(item.path("act_state_id").asInt()).isEqualTo(1);
        assertThat(item.path("multi_all_person").isTextual()).isTrue();
        assertThat(item.path("multi_all_person").asText()).isEqualTo("{}");
        assertThat(item.path("relation").asText()).isEqualTo(alice + "," + bob);

        JsonNode state = item.path("state");
        assertThat(keys(state)).containsExactly("state_id", "state_name", "state_label");
        assertThat(state.path("state_name").asText()).isEqualTo("approving");
        assertThat(state.path("state_label").path("color").asText()).isEqualTo("red");

        JsonNode participant = item.path("participant_info");
        assertThat(keys(participant)).containsExactly("participant", "participant_name", "participant_type_id",
                "participant_type_name", "participant_alias");
        assertThat(participant.path("participant").asText()).isEqualTo(bob);
        assertThat(participant.path("participant_name").asText()).isEqualTo(bob);
        assertThat(participant.path("participant_type_id").asInt()).isEqualTo(1);
        assertThat(participant.path("participant_type_name").asText()).isEqualTo("个人");
        assertThat(participant.path("participant_alias").asText()).isEqualTo("Bob B");

        JsonNode creator = item.path("creator_info");
        assertThat(keys(creator)).containsExactly("username", "alias", "is_active", "email", "phone", "dept_info");
        assertThat(creator.path("alias").asText()).isEqualTo("Alice A");
        assertThat(creator.path("is_active").asBoolean()).isTrue();
        assertThat(creator.path("email").asText()).isEqualTo(alice + "@example.com");
        JsonNode dept = creator.path("dept_info");
        assertThat(keys(dept)).containsExactly("id", "name", "parent_dept_id", "leader", "approver", "label",
                "creator", "gmt_created", "gmt_modified", "is_deleted", "creator_info", "parent_dept_info",
                "leader_info", "approver_info");
        assertThat(dept.path("id").asLong()).isEqualTo(deptId);
        assertThat(dept.path("leader_info").path("leader_alias").asText()).isEqualTo("Leader L");
        assertThat(dept.path("approver_info").get(0).path("approver_alias").asText()).isEqualTo("Leader L");

        JsonNode workflow = item.path("workflow_info");
        assertThat(keys(workflow)).containsExactly("workflow_id", "workflow_name");
        assertThat(workflow.path("workflow_id").asLong()).isEqualTo(wf1);
        assertThat(workflow.path("workflow_name").asText()).startsWith("wf1_");
    }

    @Test
    void participantInfoCoversEveryStoredParticipantKind() {
        String ghost = TestData.unique("ghost");
        long multi = rows.ticket(wf1, middle1).creator(alice).participant(2, alice + "," + ghost + "," + bob).insert();
        long all = rows.ticket(wf1, middle1).creator(alice).participant(2, bob)
                .multiAll("{\"" + alice + "\": {\"transition_id\": 3, \"transition_name\": \"同意\"}, \""
                        + bob + "\": {}, \"" + ghost + "\": {}}").insert();
        long script = rows.ticket(wf1, middle1).creator(alice)
                .participant(6, String.valueOf(rows.script(TestData.unique("script")))).insert();
        long missingScript = rows.ticket(wf1, middle1).creator(alice).participant(6, "99999999").insert();
        long dept = rows.ticket(wf1, middle1).creator(alice).participant(3, String.valueOf(deptId)).insert();
        long unknownDept = rows.ticket(wf1, middle1).creator(alice).participant(3, "99999999").insert();
        long roleId = rows.role(TestData.unique("role"));
        long role = rows.ticket(wf1, middle1).creator(alice).participant(4, String.valueOf(roleId)).insert();
        long unknownRole = rows.ticket(wf1, middle1).creator(alice).participant(4, "99999999").insert();
        long hook = rows.ticket(wf1, middle1).creator(alice).participant(10, "***").insert();
        long unknownPerson = rows.ticket(wf1, middle1).creator(ghost).participant(1, ghost).insert();

        JsonNode data = ok(as(alice).get(TICKETS + "?category=all&per_page=50&ticket_ids=" + multi + "," + all + ","
                + script + "," + missingScript + "," + dept + "," + unknownDept + "," + role + "," + unknownRole
                + "," + hook + "," + unknownPerson));
        assertThat(data.path("total").asLong()).isEqualTo(10);
        java.util.Map<Long, JsonNode> byId = new java.util.HashMap<>();
        data.path("value").forEach(item -> byId.put(item.path("id").asLong(), item));

        JsonNode p = byId.get(multi).path("participant_info");
        assertThat(p.path("participant_type_name").asText()).isEqualTo("多人");
        assertThat(p.path("participant_alias").asText()).isEqualTo("Alice A," + ghost + ",Bob B");

        p = byId.get(all).path("participant_info");
        assertThat(p.path("participant_type_name").asText()).isEqualTo("多人且全部处理");
        assertThat(p.path("participant_alias").asText()).isEqualTo("Alice A(" + alice + ")已处理:同意;Bob B(" + bob
                + ")未处理:None;" + ghost + "(" + ghost + ")未处理:None");

        p = byId.get(script).path("participant_info");
        assertThat(p.path("participant_type_name").asText()).isEmpty();
        assertThat(p.path("participant_alias").asText()).startsWith("脚本:script_");
        assertThat(byId.get(missingScript).path("participant_info").path("participant_alias").asText()).isEmpty();

        p = byId.get(dept).path("participant_info");
        assertThat(p.path("participant_type_name").asText()).isEqualTo("部门");
        assertThat(p.path("participant_name").asText()).startsWith("dept_");
        assertThat(p.path("participant_alias").asText()).isEqualTo(p.path("participant_name").asText());
        // loonflow's list puts the error text in place of the object for an unknown legacy dept or role
        assertThat(byId.get(unknownDept).path("participant_info").asText())
                .isEqualTo("dept_id:99999999 is not existed or has been deleted");
        assertThat(byId.get(role).path("participant_info").path("participant_type_name").asText()).isEqualTo("角色");
        assertThat(byId.get(role).path("participant_info").path("participant_name").asText()).startsWith("role_");
        assertThat(byId.get(unknownRole).path("participant_info").asText())
                .isEqualTo("role is not existed or has been deleted");

        p = byId.get(hook).path("participant_info");
        assertThat(p.path("participant_name").asText()).isEqualTo("***");
        assertThat(p.path("participant_type_name").asText()).isEmpty();
        assertThat(p.path("participant_alias").asText()).isEmpty();

        JsonNode unknown = byId.get(unknownPerson);
        assertThat(unknown.path("participant_info").path("participant_alias").asText()).isEqualTo(ghost);
        JsonNode creator = unknown.path("creator_info");
        assertThat(keys(creator)).containsExactly("username", "alias", "is_active", "email", "phone", "dept_info");
        assertThat(creator.path("username").asText()).isEqualTo(ghost);
        assertThat(creator.path("alias").asText()).isEmpty();
        assertThat(creator.path("is_active").asBoolean(true)).isFalse();
        assertThat(creator.path("dept_info").isObject() && creator.path("dept_info").isEmpty()).isTrue();
    }

    @Test
    void missingOrDeletedStateDoesNotFailTheList() {
        long gone = rows.state(wf1, "gone", 0, "{}");
        long deleted = rows.state(wf1, "retired", 0, "{\"a\": 1}");
        rows.deleteState(deleted);
        long a = rows.ticket(wf1, gone).creator(bob).insert();
        long b = rows.ticket(wf1, deleted).creator(bob).insert();
        long c = rows.ticket(wf1, 99999999L).creator(bob).insert();
        jdbc.sql("DELETE FROM workflow_state WHERE id = :id").param("id", gone).update();
        JsonNode data = ok(as(bob).get(TICKETS + "?category=all&reverse=0&ticket_ids=" + a + "," + b + "," + c));
        assertThat(ids(data)).containsExactlyInAnyOrder(a, b, c);
        data.path("value").forEach(item -> {
            String name = item.path("state").path("state_name").asText();
            if (item.path("id").asLong() == b) {
                assertThat(name).isEqualTo("retired");
                assertThat(item.path("state").path("state_label").path("a").asInt()).isEqualTo(1);
            } else {
                assertThat(name).isEqualTo("未知状态");
                assertThat(item.path("state").path("state_label").isObject()).isTrue();
            }
        });
        // a creator without a dept gets loonflow's placeholder dept
        JsonNode dept = data.path("value").get(0).path("creator_info").path("dept_info");
        assertThat(keys(dept)).containsExactly("id", "name");
        assertThat(dept.path("id").asLong()).isZero();
    }

    // ---------------------------------------------------------------- filters

    @Test
    void snIsACaseSensitivePrefixWithLiteralWildcards() {
        String tag = "Sn" + TestData.unique("x").replace("_", "");
        long upper = rows.ticket(wf1, middle1).sn(tag + "_0001").insert();
        long lower = rows.ticket(wf1, middle1).sn(tag.toLowerCase() + "_0002").insert();
        long percent = rows.ticket(wf1, middle1).sn(tag + "%_0003").insert();
        String q = TICKETS + "?category=all&per_page=50&sn=";
        assertThat(ids(ok(as(bob).get(q + enc(tag))))).containsExactlyInAnyOrder(upper, percent);
        assertThat(ids(ok(as(bob).get(q + enc(tag.toLowerCase()))))).containsExactly(lower);
        assertThat(ids(ok(as(bob).get(q + enc(tag + "%"))))).containsExactly(percent);
        assertThat(ids(ok(as(bob).get(q + enc(tag + "_"))))).containsExactly(upper);
        // a prefix, not a substring
        assertThat(ids(ok(as(bob).get(q + enc(tag.substring(1)))))).doesNotContain(upper, lower, percent);
    }

    @Test
    void titleIsACaseSensitiveSubstringWithLiteralWildcards() {
        String tag = TestData.unique("Tt");
        long mixed = rows.ticket(wf1, middle1).title("Leave " + tag + " Request").insert();
        long lower = rows.ticket(wf1, middle1).title(("leave " + tag + " request").toLowerCase()).insert();
        long percent = rows.ticket(wf1, middle1).title("100% " + tag).insert();
        long accent = rows.ticket(wf2, middle2).title("Réunion " + tag).insert();
        String q = TICKETS + "?category=all&per_page=50&title=";
        assertThat(ids(ok(as(bob).get(q + enc(tag))))).containsExactlyInAnyOrder(mixed, percent, accent);
        assertThat(ids(ok(as(bob).get(q + enc("Leave " + tag))))).containsExactly(mixed);
        assertThat(ids(ok(as(bob).get(q + enc(tag.toLowerCase()))))).containsExactly(lower);
        assertThat(ids(ok(as(bob).get(q + enc("0% " + tag))))).containsExactly(percent);
        assertThat(ids(ok(as(bob).get(q + enc("% " + tag.substring(0, 2)))))).containsExactly(percent);
        assertThat(ids(ok(as(bob).get(q + enc("Réunion " + tag))))).containsExactly(accent);
        assertThat(ids(ok(as(bob).get(q + enc("Reunion " + tag))))).isEmpty();
    }

    @Test
    void createdBoundsStatesTicketsActStateAndWorkflowIds() {
        String tag = TestData.unique("bounds");
        LocalDateTime base = LocalDateTime.now().withNano(0).minusDays(10).withHour(10).withMinute(0).withSecond(0);
        long early = rows.ticket(wf1, middle1).title(tag).created(base.minusDays(1)).insert();
        long midday = rows.ticket(wf1, middle1).title(tag).created(base).act(2).insert();
        long late = rows.ticket(wf2, middle2).title(tag).created(base.plusDays(1)).insert();
        long deleted = rows.ticket(wf2, middle2).title(tag).created(base).deleted().insert();
        long other = rows.ticket(foreign, foreignState).title(tag).created(base).insert();
        String q = TICKETS + "?category=all&per_page=50&title=" + tag;
        String day = base.toLocalDate().toString();

        assertThat(ids(ok(as(bob).get(q)))).containsExactlyInAnyOrder(early, midday, late);
        assertThat(ids(ok(as(bob).get(q + "&create_start=" + day)))).containsExactlyInAnyOrder(midday, late);
        // a date-only end means midnight: that day's later tickets are left out, as in loonflow
        assertThat(ids(ok(as(bob).get(q + "&create_end=" + day)))).containsExactly(early);
        assertThat(ids(ok(as(bob).get(q + "&create_end=" + enc(day + " 10:00:00"))))).containsExactlyInAnyOrder(early,
                midday);
        assertThat(ids(ok(as(bob).get(q + "&create_start=" + day + "T10:00&create_end=" + enc(day + " 10:00:00.5")))))
                .containsExactly(midday);
        assertThat(ids(ok(as(bob).get(q + "&create_start=" + enc(day + " 10:00:00.5"))))).containsExactly(late);
        assertThat(ids(ok(as(bob).get(q + "&state_ids=" + middle2)))).containsExactly(late);
        assertThat(ids(ok(as(bob).get(q + "&state_ids=" + middle1 + "," + middle2 + "&act_state_id=2"))))
                .containsExactly(midday);
        assertThat(ids(ok(as(bob).get(q + "&ticket_ids=" + early + ",%20" + late + "," + deleted + "," + other))))
                .containsExactlyInAnyOrder(early, late);
        assertThat(ids(ok(as(bob).get(q + "&workflow_ids=" + wf2)))).containsExactly(late);
        // workflow_ids is intersected with the app's workflows
        assertThat(ids(ok(as(bob).get(q + "&workflow_ids=" + foreign)))).isEmpty();
        assertThat(ids(ok(as(bob).get(q + "&workflow_ids=" + foreign + "," + wf1))))
                .containsExactlyInAnyOrder(early, midday);
    }

    @Test
    void defaultWindowIsTheLastYear() {
        String tag = TestData.unique("window");
        LocalDateTime now = LocalDateTime.now().withNano(0);
        long recent = rows.ticket(wf1, middle1).title(tag).created(now.minusMonths(11)).insert();
        long old = rows.ticket(wf1, middle1).title(tag).created(now.minusYears(1).minusDays(2)).insert();
        long future = rows.ticket(wf1, middle1).title(tag).created(now.plusDays(2)).insert();
        String q = TICKETS + "?category=all&per_page=50&title=" + tag;
        assertThat(ids(ok(as(bob).get(q)))).containsExactly(recent);
        // either bound switches the default off; the other side is then open
        assertThat(ids(ok(as(bob).get(q + "&create_start=2000-01-01")))).containsExactlyInAnyOrder(recent, old,
                future);
        assertThat(ids(ok(as(bob).get(q + "&create_end=" + now.plusYears(1).toLocalDate()))))
                .containsExactlyInAnyOrder(recent, old, future);
    }

    // ---------------------------------------------------------------- order and pages

    @Test
    void ordersByCreationAndPagesLikeDjango() {
        String tag = TestData.unique("order");
        LocalDateTime base = LocalDateTime.now().withNano(0).minusDays(3);
        long t1 = rows.ticket(wf1, middle1).title(tag).created(base).insert();
        long t2 = rows.ticket(wf2, middle2).title(tag).created(base.plusMinutes(1)).insert();
        long t3 = rows.ticket(wf1, middle1).title(tag).created(base.plusMinutes(2)).insert();
        long t4 = rows.ticket(wf1, middle1).title(tag).created(base.plusMinutes(2)).insert(); // same second as t3
        long t5 = rows.ticket(wf2, middle2).title(tag).created(base.plusMinutes(3)).insert();
        String q = TICKETS + "?category=all&title=" + tag;

        assertThat(ids(ok(as(bob).get(q)))).containsExactly(t5, t4, t3, t2, t1);
        assertThat(ids(ok(as(bob).get(q + "&reverse=1")))).containsExactly(t5, t4, t3, t2, t1);
        assertThat(ids(ok(as(bob).get(q + "&reverse=7")))).containsExactly(t5, t4, t3, t2, t1);
        assertThat(ids(ok(as(bob).get(q + "&reverse=0")))).containsExactly(t1, t2, t3, t4, t5);

        JsonNode page2 = ok(as(bob).get(q + "&per_page=2&page=2"));
        assertThat(ids(page2)).containsExactly(t3, t2);
        assertThat(page2.path("page").asInt()).isEqualTo(2);
        assertThat(page2.path("per_page").asInt()).isEqualTo(2);
        assertThat(page2.path("total").asInt()).isEqualTo(5);
        // beyond the last page and below 1: the last page, with the requested numbers echoed
        JsonNode beyond = ok(as(bob).get(q + "&per_page=2&page=9"));
        assertThat(ids(beyond)).containsExactly(t1);
        assertThat(beyond.path("page").asInt()).isEqualTo(9);
        JsonNode zero = ok(as(bob).get(q + "&per_page=2&page=0"));
        assertThat(ids(zero)).containsExactly(t1);
        assertThat(zero.path("page").asInt()).isZero();
        assertThat(ok(as(bob).get(q + "&per_page=2&page=-3")).path("value")).hasSize(1);
        // defaults: page 1, 10 per page
        JsonNode defaults = ok(as(bob).get(q));
        assertThat(defaults.path("page").asInt()).isEqualTo(1);
        assertThat(defaults.path("per_page").asInt()).isEqualTo(10);
        // nothing found: an empty first page
        JsonNode none = ok(as(bob).get(TICKETS + "?category=all&page=4&title=" + TestData.unique("none")));
        assertThat(none.path("value")).isEmpty();
        assertThat(none.path("total").asInt()).isZero();
        assertThat(none.path("page").asInt()).isEqualTo(4);
        // repeated parameters: the last one counts, as with Django's GET.get
        assertThat(ids(ok(as(bob).get(q + "&reverse=1&reverse=0")))).containsExactly(t1, t2, t3, t4, t5);
    }

    @Test
    void handlerCategoriesPageTheSameInMemoryAndInSql() {
        String tag = TestData.unique("paths");
        LocalDateTime base = LocalDateTime.now().withNano(0).minusDays(2);
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // pairs share a second so that the id decides their order
            long id = rows.ticket(i % 2 == 0 ? wf1 : wf2, i % 2 == 0 ? middle1 : middle2).title(tag)
                    .created(base.plusMinutes(i / 2)).insert();
            rows.ticketUser(id, alice, true, i % 3 == 0);
            all.add(id);
        }
        List<String> queries = new ArrayList<>();
        for (String category : List.of("duty", "relation", "worked")) {
            for (String paging : List.of("", "&per_page=3", "&per_page=3&page=2", "&per_page=3&page=3",
                    "&per_page=3&page=8", "&per_page=2&page=0", "&reverse=0&per_page=4&page=2")) {
                queries.add(TICKETS + "?category=" + category + "&title=" + tag + paging);
            }
        }
        List<String> inMemory = new ArrayList<>();
        for (String query : queries) {
            inMemory.add(ok(as(alice).get(query)).toString());
        }
        int previous = service.maxSortedInMemory(2);
        try {
            for (int i = 0; i < queries.size(); i++) {
                assertThat(ok(as(alice).get(queries.get(i))).toString()).as(queries.get(i)).isEqualTo(inMemory.get(i));
            }
        } finally {
            service.maxSortedInMemory(previous);
        }
        JsonNode duty = ok(as(alice).get(TICKETS + "?category=duty&title=" + tag));
        assertThat(ids(duty)).containsExactly(all.get(6), all.get(5), all.get(4), all.get(3), all.get(2), all.get(1),
                all.get(0));
    }

    // ---------------------------------------------------------------- permission

    @Test
    void appScopeExcludesForeignAndDeletedWorkflows() {
        String tag = TestData.unique("scope");
        long wf3 = rows.workflow(TestData.unique("wf3"), "admin");
        long state3 = rows.state(wf3, "s", 0, "{}");
        long mine = rows.ticket(wf1, middle1).title(tag).insert();
        long theirs = rows.ticket(foreign, foreignState).title(tag).insert();
        long ofDeleted = rows.ticket(wf3, state3).title(tag).insert();
        String app2 = TestData.unique("app2");
        String token2 = rows.appToken(app2, wf1 + "," + wf3);
        rows.deleteWorkflow(wf3);
        ApiClient client = api().signed(app2, token2).username(bob);
        // a token that still names a deleted workflow lists the others (loonflow failed the whole call)
        assertThat(ids(ok(client.get(TICKETS + "?category=all&title=" + tag)))).containsExactly(mine);
        assertThat(ids(ok(client.get(TICKETS + "?category=all&workflow_ids=" + wf3 + "&title=" + tag)))).isEmpty();
        assertThat(ids(ok(as(bob).get(TICKETS + "?category=all&title=" + tag)))).containsExactly(mine);
        assertThat(theirs).isNotEqualTo(ofDeleted);
        // an app without workflows gets an empty page
        String app3 = TestData.unique("app3");
        String token3 = rows.appToken(app3, "");
        JsonNode empty = ok(api().signed(app3, token3).username(bob).get(TICKETS + "?category=all&page=2"));
        assertThat(empty.path("value")).isEmpty();
        assertThat(empty.path("total").asInt()).isZero();
        assertThat(empty.path("page").asInt()).isEqualTo(2);
    }

    @Test
    void fromAdminListsOnlyManagedWorkflowsAndEnablesTheCreatorFilter() {
        String tag = TestData.unique("admin");
        String manager = TestData.unique("manager");
        rows.user(manager, "Manager", 0);
        rows.workflowAdmin(wf1, manager);
        String boss = TestData.unique("boss");
        rows.user(boss, "Boss", 0, true);
        long a = rows.ticket(wf1, middle1).title(tag).creator(alice).insert();
        long b = rows.ticket(wf1, middle1).title(tag).creator(bob).insert();
        long c = rows.ticket(wf2, middle2).title(tag).creator(alice).insert();
        long d = rows.ticket(foreign, foreignState).title(tag).creator(alice).insert();
        String q = TICKETS + "?category=all&title=" + tag;

        assertThat(ids(ok(as(manager).get(q + "&from_admin=1")))).containsExactlyInAnyOrder(a, b);
        // any non-empty value switches the admin view on, even 0
        assertThat(ids(ok(as(manager).get(q + "&from_admin=0")))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(ok(as(manager).get(q + "&from_admin=1&creator=" + alice)))).containsExactly(a);
        // creator only counts in the admin view
        assertThat(ids(ok(as(manager).get(q + "&creator=" + alice)))).containsExactlyInAnyOrder(a, b, c);
        assertThat(ids(ok(as(manager).get(q + "&from_admin=1&workflow_ids=" + wf2)))).isEmpty();
        // a super admin manages every workflow, but still only sees the app's
        assertThat(ids(ok(as(boss).get(q + "&from_admin=1")))).containsExactlyInAnyOrder(a, b, c);
        // the workflow's creator manages it
        String creator = TestData.unique("wfcreator");
        rows.user(creator, "Creator", 0);
        jdbc.sql("UPDATE workflow_workflow SET creator = :c WHERE id = :id").param("c", creator).param("id", wf2)
                .update();
        assertThat(ids(ok(as(creator).get(q + "&from_admin=yes")))).containsExactly(c);
        // unknown user or no user: manages nothing
        assertThat(ids(ok(as(TestData.unique("nobody")).get(q + "&from_admin=1")))).isEmpty();
        assertThat(ids(ok(as(null).get(q + "&from_admin=1")))).isEmpty();
        assertThat(d).isPositive();
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badParametersAreCodeMinusOneWithClearMessages() {
        String q = TICKETS + "?category=all";
        fails(as(bob).get(q + "&page=abc"), "page must be an integer");
        fails(as(bob).get(q + "&per_page=x"), "per_page must be an integer");
        fails(as(bob).get(q + "&per_page=0"), "per_page");
        fails(as(bob).get(q + "&per_page=-1"), "per_page");
        fails(as(bob).get(q + "&reverse=yes"), "reverse must be an integer");
        fails(as(bob).get(q + "&act_state_id=done"), "act_state_id must be an integer");
        fails(as(bob).get(q + "&workflow_ids=1,a"), "workflow_ids must be comma-separated integers");
        fails(as(bob).get(q + "&state_ids=,"), "state_ids must be comma-separated integers");
        fails(as(bob).get(q + "&ticket_ids=1,,2"), "ticket_ids must be comma-separated integers");
        fails(as(bob).get(q + "&ticket_ids=1,2,"), "ticket_ids must be comma-separated integers");
        fails(as(bob).get(q + "&ticket_ids=99999999999999999999"), "ticket_ids");
        fails(as(bob).get(q + "&create_start=abc"), "create_start: 'abc' has an invalid format");
        fails(as(bob).get(q + "&create_end=2024-13-01"), "create_end: '2024-13-01' is not a valid date");
        fails(as(bob).get(q + "&create_start=2023-02-29"), "create_start: '2023-02-29' is not a valid date");
        fails(as(bob).get(q + "&create_start=" + enc("2024-01-01 25:00")), "create_start");
        fails(as(bob).get(q + "&create_start=" + enc("2024-01-01 10:00+08:00")), "invalid format");
        StringBuilder many = new StringBuilder("1");
        for (int i = 2; i <= TicketListQuery.MAX_IDS + 1; i++) {
            many.append(',').append(i);
        }
        fails(as(bob).get(q + "&ticket_ids=" + many), "more than " + TicketListQuery.MAX_IDS);
        // the category is checked first, as in loonflow
        fails(as(bob).get(TICKETS + "?category=bad&page=x"), "category value is invalid");
        // accepted forms
        ok(as(bob).get(q + "&create_start=2024-1-5&create_end=" + enc("2030-12-31 23:59")));
        ok(as(bob).get(q + "&ticket_ids=%201&act_state_id=%204&reverse=%200"));
    }
}
