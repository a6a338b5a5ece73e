package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration V5 on a database holding tickets as loonflow left them: the stale {@code in_process} flags of finished
 * and closed tickets are cleared, the open tickets' handlers keep theirs, and the count index replaces the old one.
 * Runs on its own empty H2 database (the shared test database is already migrated).
 */
class ListIndexesMigrationTest {

    @Test
    void clearsStaleDutyFlagsOfEndedTicketsAndSwapsTheWorkflowIndex() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:v5_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;IGNORECASE=TRUE");
        dataSource.setUser("sa");
        migrate(dataSource, "4");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long ongoing = ticket(jdbc, 1);
        long finished = ticket(jdbc, 4);
        long closed = ticket(jdbc, 5);
        for (long id : List.of(ongoing, finished, closed)) {
            jdbc.sql("INSERT INTO ticket_ticketuser (ticket_id, username, in_process, worked) VALUES (:id, 'ann', TRUE, FALSE)")
                    .param("id", id).update();
            jdbc.sql("INSERT INTO ticket_ticketuser (ticket_id, username, in_process, worked) VALUES (:id, 'bob', FALSE, TRUE)")
                    .param("id", id).update();
        }

        migrate(dataSource, "5");

        assertThat(jdbc.sql("SELECT ticket_id FROM ticket_ticketuser WHERE in_process = TRUE").query(Long.class).list())
                .containsExactly(ongoing);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_ticketuser WHERE worked = TRUE").query(Long.class).single())
                .isEqualTo(3L);
        List<String> indexes = jdbc.sql("SELECT LOWER(INDEX_NAME) FROM INFORMATION_SCHEMA.INDEXES"
                + " WHERE LOWER(TABLE_NAME) = 'ticket_ticketrecord'").query(String.class).list();
        assertThat(indexes).contains("idx_ticket_workflow_deleted_created", "idx_ticket_created")
                .doesNotContain("idx_ticket_workflow_created");
    }

    private static void migrate(JdbcDataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
    }

    private static long ticket(JdbcClient jdbc, int actState) {
        jdbc.sql("INSERT INTO ticket_ticketrecord (title, workflow_id, act_state_id) VALUES ('t', 1, :act)")
                .param("act", actState).update();
        return jdbc.sql("SELECT MAX(id) FROM ticket_ticketrecord").query(Long.class).single();
    }
}
