package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import io.loonflow.bpmn.api.ApiException;
import org.junit.jupiter.api.Test;

/** Parsing of the list's query parameters, without the server. */
class TicketListQueryTest {

    private static TicketListQuery parse(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return TicketListQuery.parse(params, LocalDateTime.of(2024, 2, 29, 13, 45, 10));
    }

    @Test
    void defaultWindowOnTheTwentyNinthOfFebruaryStartsOnTheTwentyEighth() {
        TicketListQuery query = parse("category", "duty");
        assertThat(query.createStart()).isEqualTo(LocalDateTime.of(2023, 2, 28, 13, 45, 10));
        assertThat(query.createEnd()).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 10));
        LocalDateTime[] ordinary = TicketListQuery.defaultWindow(LocalDateTime.of(2025, 7, 1, 0, 0, 1));
        assertThat(ordinary[0]).isEqualTo(LocalDateTime.of(2024, 7, 1, 0, 0, 1));
    }

    @Test
    void oneBoundSwitchesTheDefaultWindowOff() {
        TicketListQuery start = parse("category", "all", "create_start", "2020-01-02");
        assertThat(start.createStart()).isEqualTo(LocalDateTime.of(2020, 1, 2, 0, 0));
        assertThat(start.createEnd()).isNull();
        TicketListQuery end = parse("category", "all", "create_end", "2020-1-2 3:04");
        assertThat(end.createStart()).isNull();
        assertThat(end.createEnd()).isEqualTo(LocalDateTime.of(2020, 1, 2, 3, 4));
    }

    @Test
    void fractionsRoundTowardsTheInsideOfTheRange() {
        assertThat(TicketListQuery.time("x", "2020-01-02T03:04:05.000001", true))
                .isEqualTo(LocalDateTime.of(2020, 1, 2, 3, 4, 6));
        assertThat(TicketListQuery.time("x", "2020-01-02 03:04:05,9", false))
                .isEqualTo(LocalDateTime.of(2020, 1, 2, 3, 4, 5));
        assertThat(TicketListQuery.time("x", "2020-01-02 03:04:05.000", true))
                .isEqualTo(LocalDateTime.of(2020, 1, 2, 3, 4, 5));
    }

    @Test
    void defaultsAndFlags() {
        TicketListQuery query = parse("category", "relation");
        assertThat(query.category()).isEqualTo(TicketListQuery.Category.RELATION);
        assertThat(query.descending()).isTrue();
        assertThat(query.paging().page()).isEqualTo(1);
        assertThat(query.paging().perPage()).isEqualTo(10);
        assertThat(query.fromAdmin()).isFalse();
        assertThat(query.workflowIds()).isNull();
        assertThat(query.actStateId()).isNull();
        assertThat(parse("category", "all", "reverse", "0").descending()).isFalse();
        assertThat(parse("category", "all", "from_admin", "0").fromAdmin()).isTrue();
        assertThat(parse("category", "all", "workflow_ids", " 3, 4 ").workflowIds()).containsExactly(3L, 4L);
    }

    @Test
    void badValuesNameTheParameter() {
        assertThatThrownBy(() -> parse("category", "owner", "workflow_ids", "1;2"))
                .isInstanceOf(ApiException.class).hasMessageContaining("workflow_ids");
        assertThatThrownBy(() -> parse("category", "owner", "create_end", "2024-02-30"))
                .isInstanceOf(ApiException.class).hasMessageContaining("create_end");
        assertThatThrownBy(() -> parse("category", "mine"))
                .isInstanceOf(ApiException.class).hasMessage(TicketListQuery.INVALID_CATEGORY);
    }
}
