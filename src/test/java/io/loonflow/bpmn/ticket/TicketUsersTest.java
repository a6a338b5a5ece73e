package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.loonflow.bpmn.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The per-user rows of a ticket: first written on creation, then moved with each change of handlers. */
class TicketUsersTest extends IntegrationTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 29, 12, 0);

    @Autowired
    TicketUsers users;

    @Test
    void aNewTicketGetsOneRowPerPersonWithTheCreatorAmongTheHandlers() {
        long ticketId = 900_000_001L;

        String relation = users.setFirstHandlers(ticketId, "alice", "alice", List.of("bob", "alice", "", "bob"), NOW);

        assertThat(relation).isEqualTo("alice,bob");
        assertThat(inProcess(ticketId)).containsExactlyInAnyOrderEntriesOf(Map.of("alice", true, "bob", true));
    }

    @Test
    void theNextHandlersReplaceTheFirstAndTheCreatorStaysRelated() {
        long ticketId = 900_000_002L;
        String relation = users.setFirstHandlers(ticketId, "carol", "carol", List.of("dave"), NOW);
        assertThat(inProcess(ticketId)).containsExactlyInAnyOrderEntriesOf(Map.of("carol", false, "dave", true));

        relation = users.setHandlers(ticketId, relation, List.of("erin"), NOW.plusMinutes(1));

        assertThat(relation).isEqualTo("carol,dave,erin");
        assertThat(inProcess(ticketId))
                .containsExactlyInAnyOrderEntriesOf(Map.of("carol", false, "dave", false, "erin", true));
    }

    private Map<String, Boolean> inProcess(long ticketId) {
        return jdbc.sql("SELECT username, in_process FROM ticket_ticketuser WHERE ticket_id = :id")
                .param("id", ticketId)
                .query((row, n) -> Map.entry(row.getString("username"), row.getBoolean("in_process"))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
