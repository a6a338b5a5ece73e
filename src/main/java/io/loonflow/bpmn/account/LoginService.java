package io.loonflow.bpmn.account;

import java.time.Clock;
import java.util.Optional;

import io.loonflow.bpmn.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Password checks for login and password change. Deliberately not one transaction: a check costs a large part
 * of a second of CPU, and no connection is held meanwhile. Writes are single statements.
 */
@Service
class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private record Account(long id, String username, String password, boolean active, boolean deleted) {
    }

    private final JdbcClient jdbc;
    private final DjangoPasswordHasher passwords;
    private final Clock clock;

    LoginService(JdbcClient jdbc, DjangoPasswordHasher passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * The stored username of the account these credentials open, if any. Unknown, deleted and inactive users and
     * wrong passwords are indistinguishable to the caller (same answer, comparable time). A successful login
     * records {@code last_login} and re-hashes a password stored with fewer iterations than configured.
     */
    public Optional<String> authenticate(String username, String password) {
        if (username.isEmpty() || username.length() > AccountRules.NAME_MAX) {
            return Optional.empty(); // no such account can exist, so answering at once reveals nothing
        }
        Optional<Account> found = find(username);
        if (found.isEmpty() || !found.get().password().startsWith(DjangoPasswordHasher.ALGORITHM + "$")) {
            passwords.burnCheckTime(password);
            log.info("login refused for '{}'", abbreviate(username));
            return Optional.empty();
        }
        Account account = found.get();
        boolean matches = passwords.matches(password, account.password());
        if (!matches || !account.active() || account.deleted()) {
            log.info("login refused for '{}'", account.username());
            return Optional.empty();
        }
        if (passwords.needsUpgrade(account.password())) {
            // only if the hash is still the one we checked, so a concurrent password change wins
            jdbc.sql("UPDATE account_loonuser SET password = :new WHERE id = :id AND password = :old")
                    .param("new", passwords.hash(password)).param("id", account.id())
                    .param("old", account.password()).update();
        }
        jdbc.sql("UPDATE account_loonuser SET last_login = :now WHERE id = :id")
                .param("now", AccountSql.now(clock)).param("id", account.id()).update();
        return Optional.of(account.username());
    }

    /** Changes the caller's own password after checking the current one. */
    public void changePassword(String username, String currentPassword, String newPassword) {
        Account account = find(username).filter(a -> !a.deleted())
                .orElseThrow(() -> new ApiException("username: " + username + " is not existed or has been deleted"));
        if (!passwords.matches(currentPassword, account.password())) {
            throw new ApiException("source password is invalid");
        }
        int changed = jdbc.sql("""
                UPDATE account_loonuser SET password = :new, gmt_modified = :now
                WHERE id = :id AND password = :old AND is_deleted = FALSE""")
                .param("new", passwords.hash(newPassword)).param("now", AccountSql.now(clock))
                .param("id", account.id()).param("old", account.password()).update();
        if (changed == 0) {
            throw new ApiException("the password was changed meanwhile, please try again");
        }
        log.info("user {} changed their password", account.username());
    }

    private Optional<Account> find(String username) {
        return jdbc.sql("""
                SELECT id, username, password, is_active, is_deleted FROM account_loonuser WHERE username = :username""")
                .param("username", username)
                .query((rs, n) -> new Account(rs.getLong("id"), rs.getString("username"), rs.getString("password"),
                        rs.getBoolean("is_active"), rs.getBoolean("is_deleted")))
                .optional();
    }

    /** Untrusted text for a log line: short, and without line breaks that could forge entries. */
    private static String abbreviate(String text) {
        String shortened = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
