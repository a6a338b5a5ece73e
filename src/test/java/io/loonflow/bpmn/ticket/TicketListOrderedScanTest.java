package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The tables and index of a list page: {@code all} and {@code owner} walk a creation-time index unless a filter with
 * an index of its own narrows the tickets; the handler categories start from the user's rows (the lists' results
 * are checked by TicketListApiTest on both databases).
 */
class TicketListOrderedScanTest {

    private static String scan(Map<String, String> params) {
        return TicketListService.tables(TicketListQuery.parse(params, LocalDateTime.of(2026, 11, 29, 12, 0)), true);
    }

    @Test
    void countsAreLeftToThePlanner() {
        for (String category : new String[] {"all", "owner"}) {
            assertThat(TicketListService.tables(TicketListQuery.parse(Map.of("category", category),
                    LocalDateTime.of(2026, 11, 29, 12, 0)), false)).isEqualTo(" FROM ticket_ticketrecord t");
        }
    }

    @Test
    void allWalksTheCreationTimeIndexUnlessNarrowed() {
        assertThat(scan(Map.of("category", "all"))).endsWith("USE INDEX (idx_ticket_created)");
        assertThat(scan(Map.of("category", "all", "act_state_id", "1", "title", "x")))
                .endsWith("USE INDEX (idx_ticket_created)");
        assertThat(scan(Map.of("category", "all", "sn", "loonflow_2026"))).doesNotContain("USE INDEX");
        assertThat(scan(Map.of("category", "all", "ticket_ids", "1,2"))).doesNotContain("USE INDEX");
        assertThat(scan(Map.of("category", "all", "state_ids", "3"))).doesNotContain("USE INDEX");
        assertThat(scan(Map.of("category", "all", "from_admin", "1", "creator", "ann"))).doesNotContain("USE INDEX");
    }

    @Test
    void ownerWalksTheCreatorIndexAndHandlerCategoriesStartFromTheUsersRows() {
        assertThat(scan(Map.of("category", "owner"))).endsWith("USE INDEX (idx_ticket_creator_created)");
        for (String handler : new String[] {"duty", "relation", "worked"}) {
            assertThat(scan(Map.of("category", handler)))
                    .isEqualTo(" FROM ticket_ticketuser u LEFT JOIN ticket_ticketrecord t ON t.id = u.ticket_id");
        }
    }
}
