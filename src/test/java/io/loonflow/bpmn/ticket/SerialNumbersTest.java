package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.loonflow.bpmn.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Serial numbers under concurrency, on both databases: many creations racing for the first number of a day (each
 * inserting the day's counter row) and then for the next ones get distinct, consecutive numbers, and none fails.
 * On MariaDB the first-of-day race once ended in a deadlock that reached the caller as an internal error.
 */
class SerialNumbersTest extends IntegrationTest {

    @Autowired
    SerialNumbers serialNumbers;

    @Test
    void concurrentCreationsOfANewDayGetDistinctConsecutiveNumbers() throws Exception {
        // a day of its own in the shared test database, with no tickets and no counter row
        LocalDate day = LocalDate.of(2200, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(30_000));
        jdbc.sql("DELETE FROM ticket_sn_counter WHERE sn_day = :day").param("day", java.sql.Date.valueOf(day)).update();
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> worker = () -> {
                    start.await();
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(serialNumbers.next("race", day));
                    }
                    return mine;
                };
                results.add(pool.submit(worker));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                all.addAll(result.get());
            }
            String prefix = "race_" + day.toString().replace("-", "");
            List<String> expected = new ArrayList<>();
            for (int n = 1; n <= threads * perThread; n++) {
                expected.add(prefix + String.format("%04d", n));
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
