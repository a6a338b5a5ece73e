package io.loonflow.bpmn.ticket;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-user index behind the list categories ({@code ticket_ticketuser}: who handles a ticket now, who ever
 * worked on it) and the ticket's {@code relation} text, kept in step. Unlike loonflow, names are deduplicated in a
 * stable order and empty names never get rows.
 */
@Component
public class TicketUsers {

    private final JdbcClient jdbc;

    TicketUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The current handlers become exactly {@code handlers} (in_process), everyone else of the ticket stops being
     * one. Returns the new relation text.
     */
    public String setHandlers(long ticketId, String relation, Collection<String> handlers, LocalDateTime now) {
        Set<String> names = new LinkedHashSet<>(split(relation));
        List<String> current = handlers.stream().filter(h -> !h.isEmpty()).distinct().toList();
        for (String handler : current) {
            names.add(handler);
            upsert(ticketId, handler, true, now);
        }
        if (current.isEmpty()) {
            jdbc.sql("UPDATE ticket_ticketuser SET in_process = FALSE, gmt_modified = :now WHERE ticket_id = :id AND in_process = TRUE")
                    .param("now", Timestamp.valueOf(now)).param("id", ticketId).update();
        } else {
            jdbc.sql("""
                    UPDATE ticket_ticketuser SET in_process = FALSE, gmt_modified = :now
                    WHERE ticket_id = :id AND in_process = TRUE AND username NOT IN (:names)""")
                    .param("now", Timestamp.valueOf(now)).param("id", ticketId).param("names", current).update();
        }
        return String.join(",", names);
    }

    /**
     * The rows of a ticket just created, which has none yet: its creator's and its first handlers' (inserted
     * without looking for existing rows first). Returns the relation text.
     */
    public String setFirstHandlers(long ticketId, String relation, String creator, Collection<String> handlers,
                                   LocalDateTime now) {
        Set<String> names = new LinkedHashSet<>(split(relation));
        names.add(creator);
        List<String> current = handlers.stream().filter(h -> !h.isEmpty()).distinct().toList();
        names.addAll(current);
        Set<String> people = new LinkedHashSet<>(current);
        people.add(creator);
        for (String person : people) {
            if (!person.isEmpty()) {
                insert(ticketId, person, current.contains(person), false, now);
            }
        }
        names.remove("");
        return String.join(",", names);
    }

    /** Nobody handles the ticket any more (closed). */
    public void clearHandlers(long ticketId, LocalDateTime now) {
        setHandlers(ticketId, "", List.of(), now);
    }

    /** The actor has worked on the ticket (for the {@code worked} category). */
    public void markWorked(long ticketId, String username, LocalDateTime now) {
        int updated = jdbc.sql("""
                UPDATE ticket_ticketuser SET worked = TRUE, gmt_modified = :now WHERE ticket_id = :id AND username = :u""")
                .param("now", Timestamp.valueOf(now)).param("id", ticketId).param("u", username).update();
        if (updated == 0) {
            insert(ticketId, username, false, true, now);
        }
    }

    private void upsert(long ticketId, String username, boolean inProcess, LocalDateTime now) {
        int updated = jdbc.sql("""
                UPDATE ticket_ticketuser SET in_process = (in_process OR :p), gmt_modified = :now
                WHERE ticket_id = :id AND username = :u""")
                .param("p", inProcess).param("now", Timestamp.valueOf(now)).param("id", ticketId)
                .param("u", username).update();
        if (updated == 0) {
            insert(ticketId, username, inProcess, false, now);
        }
    }

    private void insert(long ticketId, String username, boolean inProcess, boolean worked, LocalDateTime now) {
        jdbc.sql("""
                INSERT INTO ticket_ticketuser (ticket_id, username, in_process, worked, creator, gmt_created,
                  gmt_modified, is_deleted) VALUES (:id, :u, :p, :w, '', :now, :now, FALSE)""")
                .param("id", ticketId).param("u", username).param("p", inProcess).param("w", worked)
                .param("now", Timestamp.valueOf(now)).update();
    }

    static List<String> split(String commaList) {
        List<String> items = new ArrayList<>();
        if (commaList == null) {
            return items;
        }
        for (String part : commaList.split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }
}
