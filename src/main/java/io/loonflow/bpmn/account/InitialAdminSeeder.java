package io.loonflow.bpmn.account;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * On a start with an empty user table, creates the super admin {@code admin} with the password of
 * {@code loonflow.initial-admin-password} (loonflow's {@code loonflow_init.sql} shipped the same account).
 * Several nodes may start at once: the unique username index lets exactly one insert win.
 */
@Component
class InitialAdminSeeder implements ApplicationRunner {

    static final String ADMIN = "admin";
    static final String DEFAULT_PASSWORD = "loonflow123";

    private static final Logger log = LoggerFactory.getLogger(InitialAdminSeeder.class);

    private final JdbcClient jdbc;
    private final DjangoPasswordHasher passwords;
    private final Clock clock;
    private final String initialPassword;

    InitialAdminSeeder(JdbcClient jdbc, DjangoPasswordHasher passwords, Clock clock,
                       @Value("${loonflow.initial-admin-password:" + DEFAULT_PASSWORD + "}") String initialPassword) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
        this.initialPassword = initialPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    /** True if this call created the admin. */
    boolean seed() {
        if (jdbc.sql("SELECT COUNT(*) FROM account_loonuser").query(Long.class).single() > 0) {
            return false;
        }
        if (initialPassword == null || initialPassword.isEmpty()) {
            log.error("The user table is empty but loonflow.initial-admin-password is empty: no super admin was"
                    + " created, so nobody can log in. Set LOONFLOW_ADMIN_PASSWORD and restart.");
            return false;
        }
        return insertAdmin();
    }

    boolean insertAdmin() {
        try {
            jdbc.sql("""
                    INSERT INTO account_loonuser (password, last_login, username, alias, email, phone, dept_id, is_active,
                        is_admin, is_workflow_admin, creator, gmt_created, gmt_modified, is_deleted)
                    VALUES (:password, NULL, :username, '超级管理员', '', '', 0, TRUE, TRUE, FALSE, :username, :now, :now,
                        FALSE)""")
                    .param("password", passwords.hash(initialPassword))
                    .param("username", ADMIN)
                    .param("now", AccountSql.now(clock))
                    .update();
        } catch (DuplicateKeyException e) {
            log.info("Super admin '{}' was created by another node meanwhile", ADMIN);
            return false;
        }
        if (DEFAULT_PASSWORD.equals(initialPassword)) {
            log.warn("Created super admin '{}' with the well-known default password. Log in and change it now"
                    + " (POST /api/v1.0/accounts/users/change_password), or set LOONFLOW_ADMIN_PASSWORD before the"
                    + " first start.", ADMIN);
        } else {
            log.warn("Created super admin '{}' with the password from loonflow.initial-admin-password"
                    + " (LOONFLOW_ADMIN_PASSWORD). Change it after the first login"
                    + " (POST /api/v1.0/accounts/users/change_password) and remove it from the configuration.", ADMIN);
        }
        return true;
    }
}
