package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs on its own empty H2 database (the shared test database already has users). */
@ExtendWith(OutputCaptureExtension.class)
class InitialAdminSeederTest {

    private static final DjangoPasswordHasher HASHER = new DjangoPasswordHasher(1000);

    private JdbcClient jdbc;

    @BeforeEach
    void emptyDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:seed_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;IGNORECASE=TRUE");
        dataSource.setUser("sa");
        migrateAccounts(dataSource);
        jdbc = JdbcClient.create(dataSource);
    }

    private static void migrateAccounts(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("1").load().migrate();
    }

    private InitialAdminSeeder seeder(String password) {
        return new InitialAdminSeeder(jdbc, HASHER, Clock.systemDefaultZone(), password);
    }

    private long users() {
        return jdbc.sql("SELECT COUNT(*) FROM account_loonuser").query(Long.class).single();
    }

    @Test
    void createsTheSuperAdminOnAnEmptyTableAndWarnsWithoutThePassword(CapturedOutput output) {
        String password = "Initial-Secret-4711";
        assertThat(seeder(password).seed()).isTrue();

        var admin = jdbc.sql("SELECT password, is_admin, is_active, is_deleted FROM account_loonuser WHERE username = 'admin'")
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)})
                .single();
        assertThat(HASHER.matches(password, (String) admin[0])).isTrue();
        assertThat((String) admin[0]).startsWith("pbkdf2_sha256$1000$");
        assertThat(admin[1]).isEqualTo(true);
        assertThat(admin[2]).isEqualTo(true);
        assertThat(admin[3]).isEqualTo(false);
        assertThat(output).contains("Created super admin 'admin'").contains("Change it").doesNotContain(password);
        assertThat(output).doesNotContain(((String) admin[0]).split("\\$")[3]);
    }

    @Test
    void theDefaultPasswordGetsAnExplicitWarning(CapturedOutput output) {
        assertThat(seeder(InitialAdminSeeder.DEFAULT_PASSWORD).seed()).isTrue();
        assertThat(output).contains("well-known default password").contains("change it")
                .doesNotContain(InitialAdminSeeder.DEFAULT_PASSWORD);
    }

    @Test
    void doesNothingWhenAnyUserExists() {
        jdbc.sql("INSERT INTO account_loonuser (username, password) VALUES ('someone', '!x')").update();
        assertThat(seeder("pw").seed()).isFalse();
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void anEmptyPasswordCreatesNobody(CapturedOutput output) {
        assertThat(seeder("").seed()).isFalse();
        assertThat(users()).isZero();
        assertThat(output).contains("no super admin was created");
    }

    @Test
    void losingTheInsertRaceToAnotherNodeIsQuiet() {
        assertThat(seeder("first").insertAdmin()).isTrue();
        assertThat(seeder("second").insertAdmin()).isFalse(); // the unique index refused the second admin
        assertThat(users()).isEqualTo(1);
        String hash = jdbc.sql("SELECT password FROM account_loonuser").query(String.class).single();
        assertThat(HASHER.matches("first", hash)).isTrue();
    }

    @Test
    void nodesStartingTogetherCreateExactlyOneAdmin() throws Exception {
        int nodes = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                InitialAdminSeeder node = seeder("pw-" + i);
                Callable<Boolean> task = () -> {
                    start.await();
                    return node.seed();
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get() ? 1 : 0; // no node fails
            }
            assertThat(created).isEqualTo(1);
            assertThat(users()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
