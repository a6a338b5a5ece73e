package io.loonflow.bpmn.ticket;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.function.UnaryOperator;

import io.loonflow.bpmn.support.TestData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Rows for the ticket list and read tests, inserted straight into the tables with uniquely named data: workflows,
 * states, accounts, tickets and their {@code ticket_ticketuser} index rows.
 */
final class TicketRows {

    private final JdbcClient jdbc;
    private final TestData data;

    TicketRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.data = new TestData(jdbc);
    }

    /** An app allowed to use the given workflow ids (comma-separated); returns its token. */
    String appToken(String appName, String workflowIds) {
        return data.appToken(appName, workflowIds);
    }

    long workflow(String name, String creator) {
        return insert("""
                INSERT INTO workflow_workflow (name, description, notices, limit_expression, display_form_str, creator)
                VALUES (:name, '', '', '{}', '[]', :creator)""", s -> s.param("name", name).param("creator", creator));
    }

    void deleteWorkflow(long workflowId) {
        jdbc.sql("UPDATE workflow_workflow SET is_deleted = TRUE WHERE id = :id").param("id", workflowId).update();
    }

    void workflowAdmin(long workflowId, String username) {
        jdbc.sql("INSERT INTO workflow_workflowadmin (workflow_id, username, creator) VALUES (:w, :u, 'admin')")
                .param("w", workflowId).param("u", username).update();
    }

    long state(long workflowId, String name, int typeId, String label) {
        return insert("""
                INSERT INTO workflow_state (name, workflow_id, order_id, type_id, participant_type_id, participant,
                  distribute_type_id, state_field_str, label, creator)
                VALUES (:name, :w, 0, :type, 1, '', 1, '{}', :label, 'admin')""",
                s -> s.param("name", name).param("w", workflowId).param("type", typeId).param("label", label));
    }

    void deleteState(long stateId) {
        jdbc.sql("UPDATE workflow_state SET is_deleted = TRUE WHERE id = :id").param("id", stateId).update();
    }

    long dept(String name, long parentId, String leader, String approver) {
        return insert("""
                INSERT INTO account_loondept (name, parent_dept_id, leader, approver, label, creator)
                VALUES (:name, :parent, :leader, :approver, '{}', 'admin')""",
                s -> s.param("name", name).param("parent", parentId).param("leader", leader)
                        .param("approver", approver));
    }

    long user(String username, String alias, long deptId) {
        return user(username, alias, deptId, false);
    }

    long user(String username, String alias, long deptId, boolean admin) {
        return insert("""
                INSERT INTO account_loonuser (password, username, alias, email, phone, dept_id, is_active, is_admin,
                  is_workflow_admin, creator)
                VALUES ('!unusable', :username, :alias, :email, :phone, :dept, TRUE, :admin, FALSE, 'admin')""",
                s -> s.param("username", username).param("alias", alias).param("email", username + "@example.com")
                        .param("phone", "1380000" + Math.abs(username.hashCode() % 10000)).param("dept", deptId)
                        .param("admin", admin));
    }

    void deleteUser(String username) {
        jdbc.sql("UPDATE account_loonuser SET is_deleted = TRUE WHERE username = :u").param("u", username).update();
    }

    long role(String name) {
        return insert("INSERT INTO account_loonrole (name, description, label, creator) VALUES (:name, '', '{}', 'admin')",
                s -> s.param("name", name));
    }

    void userRole(long userId, long roleId) {
        jdbc.sql("INSERT INTO account_loonuserrole (user_id, role_id, creator) VALUES (:u, :r, 'admin')")
                .param("u", userId).param("r", roleId).update();
    }

    long script(String name) {
        return insert("""
                INSERT INTO workflow_workflowscript (name, saved_name, content, description, is_active, creator)
                VALUES (:name, :name, '', '', TRUE, 'admin')""", s -> s.param("name", name));
    }

    /** A ticket row to fill in and {@link NewTicket#insert()}. */
    NewTicket ticket(long workflowId, long stateId) {
        return new NewTicket(workflowId, stateId);
    }

    void ticketUser(long ticketId, String username, boolean inProcess, boolean worked) {
        jdbc.sql("""
                INSERT INTO ticket_ticketuser (ticket_id, username, in_process, worked, creator, gmt_created,
                  gmt_modified, is_deleted)
                VALUES (:t, :u, :p, :w, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE)""")
                .param("t", ticketId).param("u", username).param("p", inProcess).param("w", worked).update();
    }

    final class NewTicket {
        private final long workflowId;
        private final long stateId;
        private String title = TestData.unique("ticket");
        private String sn = TestData.unique("sn");
        private String creator = "";
        private LocalDateTime created = LocalDateTime.now().withNano(0).minusMinutes(5);
        private int participantTypeId = 1;
        private String participant = "";
        private String relation = "";
        private int actStateId = 1;
        private String multiAllPerson = "{}";
        private boolean deleted;

        private NewTicket(long workflowId, long stateId) {
            this.workflowId = workflowId;
            this.stateId = stateId;
        }

        NewTicket title(String value) {
            title = value;
            return this;
        }

        NewTicket sn(String value) {
            sn = value;
            return this;
        }

        NewTicket creator(String value) {
            creator = value;
            return this;
        }

        NewTicket created(LocalDateTime value) {
            created = value;
            return this;
        }

        NewTicket participant(int typeId, String value) {
            participantTypeId = typeId;
            participant = value;
            return this;
        }

        NewTicket relation(String value) {
            relation = value;
            return this;
        }

        NewTicket act(int value) {
            actStateId = value;
            return this;
        }

        NewTicket multiAll(String value) {
            multiAllPerson = value;
            return this;
        }

        NewTicket deleted() {
            deleted = true;
            return this;
        }

        long insert() {
            return TicketRows.this.insert("""
                    INSERT INTO ticket_ticketrecord (title, workflow_id, sn, state_id, parent_ticket_id,
                      parent_ticket_state_id, participant_type_id, participant, relation, in_add_node, add_node_man,
                      script_run_last_result, multi_all_person, act_state_id, proc_inst_id, creator, gmt_created,
                      gmt_modified, is_deleted)
                    VALUES (:title, :w, :sn, :state, 0, 0, :ptype, :participant, :relation, FALSE, '', TRUE,
                      :multi, :act, '', :creator, :created, :modified, :deleted)""",
                    s -> s.param("title", title).param("w", workflowId).param("sn", sn).param("state", stateId)
                            .param("ptype", participantTypeId).param("participant", participant)
                            .param("relation", relation).param("multi", multiAllPerson).param("act", actStateId)
                            .param("creator", creator).param("created", Timestamp.valueOf(created))
                            .param("modified", Timestamp.valueOf(created.plusSeconds(30)))
                            .param("deleted", deleted));
        }
    }

    private long insert(String sql, UnaryOperator<JdbcClient.StatementSpec> params) {
        KeyHolder keys = new GeneratedKeyHolder();
        params.apply(jdbc.sql(sql)).update(keys, "id");
        return keys.getKeyList().get(0).values().stream().map(v -> ((Number) v).longValue()).findFirst()
                .orElseThrow();
    }
}
