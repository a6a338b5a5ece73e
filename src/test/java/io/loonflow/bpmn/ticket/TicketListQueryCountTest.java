package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * The list issues a fixed number of SQL statements whatever the page size (loonflow: about 9 per ticket). Counted
 * on the server with {@link TicketListSqlCounting}.
 */
class TicketListQueryCountTest extends IntegrationTest {

    /**
     * App token check, the app's workflows, the live ones among them, count, page, states, workflows, users,
     * the creators' depts (2), legacy role and script names: 12 for these pages.
     */
    private static final int MAX_STATEMENTS = 12;

    @Test
    void statementsPerListCallDoNotGrowWithThePageSize() {
        TicketRows rows = new TicketRows(jdbc);
        long wf = rows.workflow(TestData.unique("count"), "admin");
        long[] states = {rows.state(wf, "a", 0, "{}"), rows.state(wf, "b", 0, "{\"x\": 1}"),
                rows.state(wf, "c", 0, "{}")};
        String handler = TestData.unique("handler");
        rows.user(handler, "Handler", 0);
        long roleId = rows.role(TestData.unique("role"));
        long scriptId = rows.script(TestData.unique("script"));
        for (int i = 0; i < 30; i++) {
            String creator = TestData.unique("creator");
            String peer = TestData.unique("peer");
            long dept = rows.dept(TestData.unique("dept"), 0, creator, peer);
            rows.user(creator, "C" + i, dept);
            rows.user(peer, "P" + i, dept);
            TicketRows.NewTicket ticket = rows.ticket(wf, states[i % 3]).creator(creator);
            switch (i % 5) {
                case 0 -> ticket.participant(1, handler);
                case 1 -> ticket.participant(2, handler + "," + peer);
                case 2 -> ticket.participant(2, handler + "," + peer)
                        .multiAll("{\"" + handler + "\": {}, \"" + peer + "\": {}}");
                case 3 -> ticket.participant(4, String.valueOf(roleId));
                default -> ticket.participant(6, String.valueOf(scriptId));
            }
            long id = ticket.insert();
            rows.ticketUser(id, handler, true, i % 2 == 0);
        }
        String app = TestData.unique("app");
        String token = rows.appToken(app, String.valueOf(wf));
        ApiClient client = api().signed(app, token).username(handler);

        for (String category : List.of("all", "duty", "relation", "worked")) {
            int one = statements(client, "/api/v1.0/tickets?category=" + category + "&per_page=1", 1);
            int ten = statements(client, "/api/v1.0/tickets?category=" + category + "&per_page=10", 10);
            int thirty = statements(client, "/api/v1.0/tickets?category=" + category + "&per_page=30&page=1",
                    category.equals("worked") ? 15 : 30);
            // ten and thirty items need the same lookups (every participant kind is on both pages); a single item
            // may need fewer
            assertThat(ten).as(category).isEqualTo(thirty);
            assertThat(one).as(category).isLessThanOrEqualTo(thirty);
        }
    }

    private int statements(ApiClient client, String path, int expectedItems) {
        String id = UUID.randomUUID().toString();
        ApiClient.Response response = client.header(TicketListSqlCounting.HEADER, id).get(path);
        assertThat(response.code()).as(response.toString()).isZero();
        JsonNode value = response.data().path("value");
        assertThat(value).hasSize(expectedItems);
        // every lookup was needed on these pages: participants, legacy names and depts are real
        value.forEach(item -> assertThat(item.path("participant_info").isObject()).isTrue());
        List<String> statements = TicketListSqlCounting.statements(id);
        assertThat(statements).as("statements recorded for " + path).isNotNull();
        assertThat(statements.size()).as("statements of %s:%n%s", path, String.join("\n", statements))
                .isLessThanOrEqualTo(MAX_STATEMENTS);
        return statements.size();
    }
}
