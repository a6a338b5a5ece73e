package io.loonflow.bpmn.definition;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only look-ups of the things a state participant names: users, departments, roles, scripts. */
@Component
class ParticipantNames {

    private final JdbcClient jdbc;

    ParticipantNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The alias of a non-deleted user ({@code ""} when the alias is empty); empty when no such user. */
    Optional<String> userAlias(String username) {
        return jdbc.sql("SELECT alias FROM account_loonuser WHERE username = :username AND is_deleted = FALSE")
                .param("username", username).query(ParticipantNames::text).optional();
    }

    Optional<String> deptName(long id) {
        return name("SELECT name FROM account_loondept WHERE id = :id AND is_deleted = FALSE", id);
    }

    Optional<String> roleName(long id) {
        return name("SELECT name FROM account_loonrole WHERE id = :id AND is_deleted = FALSE", id);
    }

    Optional<String> scriptName(long id) {
        return name("SELECT name FROM workflow_workflowscript WHERE id = :id AND is_deleted = FALSE", id);
    }

    private Optional<String> name(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(ParticipantNames::text).optional();
    }

    /** Never null, so that a NULL column is not mistaken for a missing row. */
    private static String text(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String value = rs.getString(1);
        return value == null ? "" : value;
    }
}
