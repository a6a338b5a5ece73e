package io.loonflow.bpmn.ticket;

import java.util.List;

import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.TransitionRepository;
import io.loonflow.bpmn.definition.WorkflowPermissions;
import org.springframework.stereotype.Component;

/** Who may see and act on a ticket (spec §1.6, §5.1), checked on every ticket endpoint. */
@Component
class TicketAccess {

    /** The outcome of loonflow's handle-permission check for one user. */
    record HandleRight(boolean permitted, String reason, boolean needAccept, boolean inAddNode) {
    }

    private final TicketRepository tickets;
    private final WorkflowPermissions permissions;
    private final TransitionRepository transitions;
    private final AccountDirectory accounts;

    TicketAccess(TicketRepository tickets, WorkflowPermissions permissions, TransitionRepository transitions,
                 AccountDirectory accounts) {
        this.tickets = tickets;
        this.permissions = permissions;
        this.transitions = transitions;
        this.accounts = accounts;
    }

    /** The ticket, if it exists and the calling app may use its workflow (loonflow's app→ticket check). */
    Ticket forApp(Caller caller, long ticketId, Object failureData) {
        return checkApp(caller, tickets.findActive(ticketId), failureData);
    }

    /** As {@link #forApp}, locking the ticket row until the transaction ends (one action at a time per ticket). */
    Ticket lockForApp(Caller caller, long ticketId, Object failureData) {
        return checkApp(caller, tickets.lockActive(ticketId), failureData);
    }

    private Ticket checkApp(Caller caller, java.util.Optional<Ticket> found, Object failureData) {
        Ticket ticket = found.orElseThrow(() -> new ApiException("ticket is not existed or has been deleted",
                failureData));
        if (!permissions.appMayUse(caller.appName(), ticket.workflowId())) {
            throw new ApiException("the app has no permission to the workflow_id", failureData);
        }
        return ticket;
    }

    /** Spec §5.1.1 for a person (never a bypass: engine-driven moves do not come through here). */
    HandleRight handleRight(Ticket ticket, State state, String username) {
        if (transitions.findActiveBySource(state.id()).isEmpty()) {
            return new HandleRight(false, "工单当前状态无需操作", false, false);
        }
        int count;
        switch (ticket.participantTypeId()) {
            case Participants.PERSON -> {
                if (!ticket.participant().equals(username)) {
                    return new HandleRight(false, "not current participant, no permission", false, false);
                }
                count = 1;
            }
            case Participants.PEOPLE -> {
                List<String> names = TicketUsers.split(ticket.participant());
                if (!names.contains(username)) {
                    return new HandleRight(false, "not crrent participant, no permission", false, false);
                }
                count = names.size();
            }
            default -> {
                return new HandleRight(false, "not crrent participant, no permission", false, false);
            }
        }
        boolean needAccept = count > 1 && state.distributeTypeId() == 1;
        return new HandleRight(true, "", needAccept, ticket.inAddNode());
    }

    /** The user must be a current handler who may act now (accepted, not in co-sign). */
    void requireHandler(Ticket ticket, State state, String username) {
        HandleRight right = handleRight(ticket, state, username);
        if (!right.permitted()) {
            throw new ApiException(right.reason());
        }
        if (right.needAccept()) {
            throw new ApiException("需要先接单再处理");
        }
        if (right.inAddNode()) {
            throw new ApiException("工单当前处于加签中，只允许加签完成操作");
        }
    }

    /**
     * Spec §5.1.3, the workflow-manager check of the interventions (force state, admin deliver, delete, close): a
     * super admin, the workflow's creator or one of its listed admins. Unlike loonflow, a deactivated user is no
     * manager (a deactivated admin keeps no power anywhere in this service).
     */
    void requireManager(Ticket ticket, String username, Object failureData) {
        String reason = managerRefusal(ticket, username);
        if (reason != null) {
            throw new ApiException(reason, failureData);
        }
    }

    boolean isManager(Ticket ticket, String username) {
        return managerRefusal(ticket, username) == null;
    }

    private String managerRefusal(Ticket ticket, String username) {
        AccountDirectory.UserFlags user = accounts.findUser(username).orElse(null);
        if (user == null) {
            return "username: " + (username == null ? "None" : username) + " is not existed or has been deleted";
        }
        if (!user.active() || !(user.admin() || permissions.manages(user.username(), ticket.workflowId()))) {
            return "user has no permission to manage this ticket";
        }
        return null;
    }
}
