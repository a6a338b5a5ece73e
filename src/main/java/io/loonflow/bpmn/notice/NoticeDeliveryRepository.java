package io.loonflow.bpmn.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notice outbox table {@code notice_delivery}. */
@Repository
class NoticeDeliveryRepository {

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    static final int MAX_ERROR = 1000;

    /** A row; {@code body} is null when the notice could not be rendered. */
    record Delivery(long id, String deliveryId, long ticketId, long noticeId, String action, String body,
                    String status, int attempts, LocalDateTime nextAttemptAt, String lastError, int lastHttpStatus,
                    LocalDateTime gmtCreated, LocalDateTime sentAt) {
    }

    /** A row this node holds: only the holder of {@code token} may record the attempt's outcome. */
    record Claim(long id, String token) {
    }

    private final JdbcClient jdbc;

    NoticeDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a delivery (status pending) or records one that can never be sent (status failed, with why). */
    void insert(long ticketId, long noticeId, String action, String body, String status, String lastError,
                LocalDateTime now) {
        jdbc.sql("""
                INSERT INTO notice_delivery (delivery_id, ticket_id, notice_id, ticket_action, body, status, attempts,
                  next_attempt_at, last_error, last_http_status, gmt_created)
                VALUES (:deliveryId, :ticketId, :noticeId, :action, :body, :status, 0, :now, :error, 0, :now)""")
                .param("deliveryId", UUID.randomUUID().toString()).param("ticketId", ticketId)
                .param("noticeId", noticeId).param("action", action).param("body", body).param("status", status)
                .param("error", truncate(lastError)).param("now", Timestamp.valueOf(now))
                .update();
    }

    /**
     * Claims up to {@code limit} due pending rows for this node until {@code until}. Each row is taken with its own
     * conditional UPDATE (auto-committed), so of several nodes polling at once exactly one gets a row; a claim
     * left by a crashed node expires and the row is due again.
     */
    List<Claim> claimDue(String node, int limit, LocalDateTime now, LocalDateTime until) {
        if (limit <= 0) {
            return List.of();
        }
        Timestamp at = Timestamp.valueOf(now);
        List<Long> candidates = jdbc.sql("""
                SELECT id FROM notice_delivery
                WHERE status = 'pending' AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
                ORDER BY next_attempt_at, id LIMIT :limit""")
                .param("now", at).param("limit", limit).query(Long.class).list();
        List<Claim> claims = new ArrayList<>();
        for (long id : candidates) {
            String token = UUID.randomUUID().toString();
            int taken = jdbc.sql("""
                    UPDATE notice_delivery SET claim_token = :token, claimed_by = :node, claimed_until = :until
                    WHERE id = :id AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)""")
                    .param("token", token).param("node", node).param("until", Timestamp.valueOf(until))
                    .param("id", id).param("now", at).update();
            if (taken == 1) {
                claims.add(new Claim(id, token));
            }
        }
        return claims;
    }

    /** Gives a claimed row back unsent (a node shutting down), so that any node may send it at once. */
    void release(Claim claim) {
        jdbc.sql("""
                UPDATE notice_delivery SET claim_token = NULL, claimed_by = '', claimed_until = NULL
                WHERE id = :id AND claim_token = :token""")
                .param("id", claim.id()).param("token", claim.token()).update();
    }

    void markSent(Claim claim, int httpStatus, LocalDateTime now) {
        jdbc.sql("""
                UPDATE notice_delivery SET status = 'sent', attempts = attempts + 1, sent_at = :now, last_error = '',
                  last_http_status = :http, claim_token = NULL, claimed_by = '', claimed_until = NULL
                WHERE id = :id AND claim_token = :token""")
                .param("now", Timestamp.valueOf(now)).param("http", httpStatus)
                .param("id", claim.id()).param("token", claim.token()).update();
    }

    /** Records a failed attempt: due again at {@code nextAttempt}, or given up (status failed) when it is null. */
    void markAttemptFailed(Claim claim, int httpStatus, String error, LocalDateTime nextAttempt) {
        jdbc.sql("UPDATE notice_delivery SET attempts = attempts + 1, last_error = :error, last_http_status = :http,"
                        + (nextAttempt == null ? " status = 'failed'," : " next_attempt_at = :next,")
                        + " claim_token = NULL, claimed_by = '', claimed_until = NULL"
                        + " WHERE id = :id AND claim_token = :token")
                .params(nextAttempt == null ? java.util.Map.of() : java.util.Map.of("next", Timestamp.valueOf(nextAttempt)))
                .param("error", truncate(error)).param("http", httpStatus)
                .param("id", claim.id()).param("token", claim.token()).update();
    }

    /** Puts a failed delivery back in the queue with a fresh attempt budget; false when it is not failed. */
    boolean requeue(long id, LocalDateTime now) {
        return jdbc.sql("""
                UPDATE notice_delivery SET status = 'pending', attempts = 0, next_attempt_at = :now,
                  claim_token = NULL, claimed_by = '', claimed_until = NULL
                WHERE id = :id AND status = 'failed' AND body IS NOT NULL""")
                .param("now", Timestamp.valueOf(now)).param("id", id).update() > 0;
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql("SELECT * FROM notice_delivery WHERE id = :id").param("id", id)
                .query(NoticeDeliveryRepository::row).optional();
    }

    long count(String status) {
        return jdbc.sql("SELECT COUNT(*) FROM notice_delivery" + (status == null ? "" : " WHERE status = :status"))
                .params(status == null ? java.util.Map.of() : java.util.Map.of("status", status))
                .query(Long.class).single();
    }

    /** Newest first. */
    List<Delivery> page(String status, int limit, long offset) {
        return jdbc.sql("SELECT * FROM notice_delivery" + (status == null ? "" : " WHERE status = :status")
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(status == null ? java.util.Map.of() : java.util.Map.of("status", status))
                .param("limit", limit).param("offset", offset)
                .query(NoticeDeliveryRepository::row).list();
    }

    static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 3) + "...";
    }

    private static Delivery row(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Delivery(rs.getLong("id"), rs.getString("delivery_id"), rs.getLong("ticket_id"),
                rs.getLong("notice_id"), rs.getString("ticket_action"), rs.getString("body"), rs.getString("status"),
                rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toLocalDateTime(),
                rs.getString("last_error"), rs.getInt("last_http_status"),
                rs.getTimestamp("gmt_created").toLocalDateTime(), sent == null ? null : sent.toLocalDateTime());
    }
}
