package io.loonflow.bpmn.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;

import io.loonflow.bpmn.LoonflowApplication;
import io.loonflow.bpmn.notice.HookReceiver.Answer;
import io.loonflow.bpmn.ticket.TicketChanged;
import io.loonflow.bpmn.ticket.TicketRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox survives a stop: a ticket change commits its delivery while this node does not send
 * ({@code dispatch-enabled=false}, as if it stopped right after the commit), the application context is closed,
 * and a new one on the same embedded database sends the delivery exactly once. The same start also shows the
 * claims between nodes: a row claimed by a crashed node is sent once its claim expired, a row another node holds
 * right now is left alone.
 */
class NoticeRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aCommittedDeliveryIsSentAfterARestartExactlyOnce() throws Exception {
        try (HookReceiver receiver = new HookReceiver()) {
            String url = receiver.url("/restart", n -> Answer.ok());
            long ticketId;
            long expiredTicket;
            long heldTicket;
            String deliveryId;
            try (ConfigurableApplicationContext first = start(false)) {
                JdbcClient jdbc = first.getBean(JdbcClient.class);
                jdbc.sql("INSERT INTO workflow_customnotice (name, hook_url, hook_token, creator)"
                        + " VALUES ('restart', :url, 'tok', 'admin')").param("url", url).update();
                long noticeId = jdbc.sql("SELECT id FROM workflow_customnotice WHERE name = 'restart'")
                        .query(Long.class).single();
                jdbc.sql("INSERT INTO workflow_workflow (name, notices, title_template, content_template, creator)"
                        + " VALUES ('restart', :n, '{title}', 'ticket {id}', 'admin')")
                        .param("n", String.valueOf(noticeId)).update();
                long workflowId = jdbc.sql("SELECT id FROM workflow_workflow WHERE name = 'restart'")
                        .query(Long.class).single();
                ticketId = ticket(jdbc, workflowId, "survives");
                expiredTicket = ticket(jdbc, workflowId, "expired claim");
                heldTicket = ticket(jdbc, workflowId, "held claim");
                TransactionTemplate tx = new TransactionTemplate(first.getBean(PlatformTransactionManager.class));
                ApplicationEventPublisher events = first;
                for (long id : new long[] {ticketId, expiredTicket, heldTicket}) {
                    TicketRepository tickets = first.getBean(TicketRepository.class);
                    tx.executeWithoutResult(s -> events.publishEvent(
                            new TicketChanged(tickets.findActive(id).orElseThrow(), TicketChanged.Action.CREATE)));
                }
                // another node claimed these two: one crashed long ago (claim expired), one is sending right now
                claim(jdbc, expiredTicket, LocalDateTime.now().minusMinutes(5));
                claim(jdbc, heldTicket, LocalDateTime.now().plusHours(1));

                Map<String, Object> row = row(jdbc, ticketId);
                assertThat(row.get("status")).isEqualTo("pending");
                assertThat(row.get("attempts")).isEqualTo(0);
                deliveryId = (String) row.get("delivery_id");
                Thread.sleep(300); // several poll intervals of an enabled dispatcher
                assertThat(receiver.received("/restart")).as("this node does not send").isEmpty();
            }

            try (ConfigurableApplicationContext second = start(true)) {
                JdbcClient jdbc = second.getBean(JdbcClient.class);
                long end = System.nanoTime() + 30_000_000_000L;
                while (!("sent".equals(row(jdbc, ticketId).get("status"))
                        && "sent".equals(row(jdbc, expiredTicket).get("status")))) {
                    assertThat(System.nanoTime()).as("waited for the deliveries after the restart").isLessThan(end);
                    Thread.sleep(50);
                }
                Thread.sleep(500); // several more poll intervals: nothing is sent twice
                assertThat(receiver.received("/restart")).hasSize(2)
                        .filteredOn(r -> deliveryId.equals(r.header("webhook-id"))).hasSize(1);
                assertThat(row(jdbc, ticketId).get("attempts")).isEqualTo(1);
                assertThat(row(jdbc, heldTicket).get("status")).as("another node holds it").isEqualTo("pending");
                assertThat(row(jdbc, heldTicket).get("attempts")).isEqualTo(0);
            }
        }
    }

    private static long ticket(JdbcClient jdbc, long workflowId, String title) {
        jdbc.sql("INSERT INTO ticket_ticketrecord (title, workflow_id, state_id, participant_type_id, participant,"
                        + " creator) VALUES (:title, :wf, 0, 1, 'admin', 'admin')")
                .param("title", title).param("wf", workflowId).update();
        return jdbc.sql("SELECT id FROM ticket_ticketrecord WHERE title = :title").param("title", title)
                .query(Long.class).single();
    }

    private static void claim(JdbcClient jdbc, long ticketId, LocalDateTime until) {
        jdbc.sql("UPDATE notice_delivery SET claim_token = 'other-node-claim', claimed_by = 'other-node',"
                        + " claimed_until = :until WHERE ticket_id = :t")
                .param("until", Timestamp.valueOf(until)).param("t", ticketId).update();
    }

    private static Map<String, Object> row(JdbcClient jdbc, long ticketId) {
        return jdbc.sql("SELECT * FROM notice_delivery WHERE ticket_id = :t").param("t", ticketId)
                .query().singleRow();
    }

    private ConfigurableApplicationContext start(boolean dispatch) {
        // command-line arguments, because builder "properties" rank below application.yml
        return new SpringApplicationBuilder(LoonflowApplication.class)
                .run("--loonflow.data-dir=" + dataDir.toAbsolutePath(), "--server.port=0",
                        "--camunda.bpm.job-execution.enabled=false",
                        "--loonflow.notices.dispatch-enabled=" + dispatch);
    }
}
