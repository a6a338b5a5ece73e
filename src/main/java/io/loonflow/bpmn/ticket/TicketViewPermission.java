package io.loonflow.bpmn.ticket;

import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.account.AccountDirectory.UserFlags;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.Workflow;
import io.loonflow.bpmn.definition.WorkflowRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may read a ticket (spec §5.1.2): a current handler, anyone when the workflow's view check is off, else a
 * super admin or a user related to the ticket. loonflow applied this to the detail only; here the flow log and
 * the step view (which show the same values) are guarded the same way.
 */
@Component
class TicketViewPermission {

    static final String REFUSED = "user is not relation about this ticket and the workflow open view permission check";

    private final TicketAccess access;
    private final StateRepository states;
    private final WorkflowRepository workflows;
    private final AccountDirectory accounts;
    private final JdbcClient jdbc;

    TicketViewPermission(TicketAccess access, StateRepository states, WorkflowRepository workflows,
                         AccountDirectory accounts, JdbcClient jdbc) {
        this.access = access;
        this.states = states;
        this.workflows = workflows;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    /** True when the user is a current handler (who sees the state's editable form); else the view check runs. */
    boolean requireViewer(Ticket ticket, String username) {
        State state = states.findActive(ticket.stateId()).orElse(null);
        if (state != null && access.handleRight(ticket, state, username).permitted()) {
            return true;
        }
        Workflow workflow = workflows.findActive(ticket.workflowId())
                .orElseThrow(() -> new ApiException("workflow is not existed or has been deleted"));
        if (!workflow.viewPermissionCheck()) {
            return false;
        }
        UserFlags user = accounts.findUser(username)
                .orElseThrow(() -> new ApiException("user is not existed or has been deleted"));
        if (user.admin() || TicketUsers.split(ticket.relation()).contains(user.username()) || related(ticket, username)) {
            return false;
        }
        throw new ApiException(REFUSED);
    }

    /** The handler index knows every related user even when the relation text was cut at its column size. */
    private boolean related(Ticket ticket, String username) {
        return jdbc.sql("SELECT COUNT(*) FROM ticket_ticketuser WHERE ticket_id = :id AND username = :u")
                .param("id", ticket.id()).param("u", username).query(Long.class).single() > 0;
    }
}
