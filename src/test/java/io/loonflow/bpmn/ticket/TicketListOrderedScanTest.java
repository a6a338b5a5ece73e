package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Which index the page query of {@code all} and {@code owner} walks: the creation-time index unless a filter with
 * an index of its own narrows the tickets (the lists' results are checked by TicketListApiTest on both databases).
 */
class TicketListOrderedScanTest {

    private static String scan(Map<String, String> params) {
        return TicketListService.orderedScan(TicketListQuery.parse(params, LocalDateTime.of(2026, 11, 29, 12, 0)));
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
    void ownerWalksTheCreatorIndexAndHandlerCategoriesChooseFreely() {
        assertThat(scan(Map.of("category", "owner"))).endsWith("USE INDEX (idx_ticket_creator_created)");
        assertThat(scan(Map.of("category", "duty"))).doesNotContain("USE INDEX");
        assertThat(scan(Map.of("category", "relation"))).doesNotContain("USE INDEX");
    }
}
