package io.loonflow.bpmn.ticket;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ticket serial numbers {@code <prefix>_YYYYMMDDNNNN} from a per-day counter row in the database (loonflow kept the
 * counter in Redis, with a race on the first ticket of a day). The increment runs in its own short transaction so
 * that concurrent creations wait for the row lock only for that instant, not for each other's whole creation; a
 * creation that later rolls back leaves a gap, never a duplicate.
 */
@Component
class SerialNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int MAX_ATTEMPTS = 10;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    SerialNumbers(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    String next(String prefix) {
        return next(prefix, LocalDate.now(clock));
    }

    String next(String prefix, LocalDate day) {
        String number = Long.toString(allocate(day));
        return prefix + "_" + DAY.format(day) + "0".repeat(Math.max(0, 4 - number.length())) + number;
    }

    /**
     * One increment in its own transaction, repeated when it loses a race. Two races exist on MySQL/MariaDB: the
     * first ticket of a day, where concurrent inserts of the day's row fail with a duplicate key (the loser's
     * transaction is rolled back, which also drops the shared lock InnoDB took on the duplicate, so the retry's
     * update cannot deadlock on it), and a deadlock the database resolves by rolling one transaction back.
     */
    private long allocate(LocalDate day) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ownTransaction.execute(status -> increment(day));
            } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("could not allocate a serial number for " + day, raced);
                }
            }
        }
    }

    private long increment(LocalDate day) {
        int updated = jdbc.sql("UPDATE ticket_sn_counter SET last_value = last_value + 1 WHERE sn_day = :day")
                .param("day", Date.valueOf(day)).update();
        if (updated == 1) {
            return jdbc.sql("SELECT last_value FROM ticket_sn_counter WHERE sn_day = :day")
                    .param("day", Date.valueOf(day)).query(Long.class).single();
        }
        // first ticket of the day: continue after the tickets already created that day (e.g. imported ones)
        long existing = jdbc.sql("""
                SELECT COUNT(*) FROM ticket_ticketrecord WHERE gmt_created >= :start AND gmt_created < :end""")
                .param("start", java.sql.Timestamp.valueOf(day.atStartOfDay()))
                .param("end", java.sql.Timestamp.valueOf(day.plusDays(1).atStartOfDay()))
                .query(Long.class).single();
        jdbc.sql("INSERT INTO ticket_sn_counter (sn_day, last_value) VALUES (:day, :value)")
                .param("day", Date.valueOf(day)).param("value", existing + 1).update();
        return existing + 1;
    }
}
