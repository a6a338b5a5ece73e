package io.loonflow.bpmn.ticket;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.account.ParticipantDirectory;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.definition.Workflow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A workflow's {@code limit_expression} (spec §5.18), checked before a ticket is created. Fixed from loonflow:
 * level 2 limits everyone's tickets together (it never limited), {@code count} is the number allowed per period
 * (loonflow allowed one more), a period without a level limits per user (the manual's default), and every refusal
 * says why (loonflow's create answered an empty message).
 */
@Component
class LimitExpressionCheck {

    private final JdbcClient jdbc;
    private final ParticipantDirectory directory;
    private final ObjectMapper json;
    private final Clock clock;

    LimitExpressionCheck(JdbcClient jdbc, ParticipantDirectory directory, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
    }

    void check(Workflow workflow, String username) {
        JsonNode limit = parse(workflow.limitExpression());
        if (limit == null || limit.isEmpty()) {
            return;
        }
        double period = limit.path("period").asDouble(0);
        if (period > 0) {
            int level = limit.path("level").asInt(1);
            long count = limit.path("count").asLong(0);
            if (level != 1 && level != 2) {
                throw new ApiException("level in limit_expression is invalid");
            }
            if (count <= 0) {
                throw new ApiException("count is need when level is not none");
            }
            LocalDateTime since = LocalDateTime.now(clock).minusSeconds((long) (period * 3600));
            long existing = jdbc.sql("SELECT COUNT(*) FROM ticket_ticketrecord WHERE workflow_id = :w"
                            + " AND is_deleted = FALSE AND gmt_created >= :since"
                            + (level == 1 ? " AND creator = :u" : ""))
                    .param("w", workflow.id()).param("since", Timestamp.valueOf(since)).param("u", username)
                    .query(Long.class).single();
            if (existing >= count) {
                throw new ApiException(count + " tickets can be created in " + format(period) + " hours"
                        + (level == 1 ? " by each user" : " for this workflow"));
            }
        }
        List<String> persons = TicketUsers.split(limit.path("allow_persons").asText(""));
        if (!persons.isEmpty() && persons.stream().noneMatch(p -> p.equalsIgnoreCase(username))) {
            throw new ApiException(username + " is not in allow persons");
        }
        List<Long> depts = ids(limit.path("allow_depts").asText(""));
        if (!depts.isEmpty() && !intersects(directory.deptChain(username), depts)) {
            throw new ApiException("user is not in allow dept");
        }
        List<Long> roles = ids(limit.path("allow_roles").asText(""));
        if (!roles.isEmpty() && !intersects(directory.roleIds(username), roles)) {
            throw new ApiException("user is not in allow role");
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            throw new ApiException("the workflow's limit_expression is not valid JSON");
        }
    }

    private static List<Long> ids(String text) {
        try {
            return TicketUsers.split(text).stream().map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw new ApiException("the workflow's limit_expression lists an invalid id: " + text);
        }
    }

    private static boolean intersects(Collection<Long> have, Collection<Long> allowed) {
        return have.stream().anyMatch(allowed::contains);
    }

    private static String format(double hours) {
        return hours == Math.rint(hours) ? String.valueOf((long) hours) : String.valueOf(hours);
    }
}
