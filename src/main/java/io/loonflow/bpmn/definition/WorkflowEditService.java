package io.loonflow.bpmn.definition;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.account.AccountDirectory.UserFlags;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, editing and deleting workflow records and their admin lists. Every change locks the workflow row (so
 * concurrent edits of one workflow run one after the other) and announces {@link WorkflowDefinitionChanged} inside
 * the transaction.
 */
@Service
class WorkflowEditService {

    private final WorkflowRepository workflows;
    private final WorkflowAdminRepository admins;
    private final CustomNoticeRepository notices;
    private final AccountDirectory accounts;
    private final WorkflowAdminAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WorkflowEditService(WorkflowRepository workflows, WorkflowAdminRepository admins, CustomNoticeRepository notices,
                        AccountDirectory accounts, WorkflowAdminAccess access, ApplicationEventPublisher events,
                        Clock clock) {
        this.workflows = workflows;
        this.admins = admins;
        this.notices = notices;
        this.accounts = accounts;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /** POST /workflows: needs the admin or workflow-admin flag; the creator then manages the new workflow. */
    @Transactional
    public Map<String, Object> create(Caller caller, String rawBody) {
        WorkflowInput input = WorkflowInput.parse(rawBody);
        UserFlags user = accounts.requireWorkflowAdminFlag(caller);
        List<String> adminNames = checkReferences(input);
        LocalDateTime now = now();
        long id = workflows.insert(input, user.username(), now);
        for (String name : adminNames) {
            admins.insert(id, name, user.username(), now);
        }
        events.publishEvent(new WorkflowDefinitionChanged(id));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("workflow_id", id);
        return data;
    }

    /**
     * PATCH /workflows/{id}: a full replace, as in loonflow — omitted keys reset their column to the default and an
     * omitted {@code workflow_admin} removes every admin. Unknown or deleted workflows are a failure.
     */
    @Transactional
    public void update(Caller caller, long workflowId, String rawBody) {
        WorkflowInput input = WorkflowInput.parse(rawBody);
        UserFlags user = access.requireAdministers(caller, workflowId);
        lock(workflowId);
        List<String> adminNames = checkReferences(input);
        LocalDateTime now = now();
        workflows.update(workflowId, input, now);
        syncAdmins(workflowId, adminNames, user.username(), now);
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
    }

    /** DELETE /workflows/{id}: soft delete; states, fields, admins and tickets stay as they are (loonflow). */
    @Transactional
    public void delete(Caller caller, long workflowId) {
        access.requireAdministers(caller, workflowId);
        lock(workflowId);
        workflows.softDelete(workflowId, now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
    }

    private void lock(long workflowId) {
        workflows.lockActive(workflowId).orElseThrow(() -> new ApiException(WorkflowCatalogService.NOT_FOUND));
    }

    /** Notice ids must name live notices; admin usernames live users (returned in their stored spelling). */
    private List<String> checkReferences(WorkflowInput input) {
        if (!input.noticeIds().isEmpty()) {
            Set<Long> found = new HashSet<>();
            notices.findActiveByIds(input.noticeIds()).forEach(n -> found.add(n.id()));
            for (Long id : input.noticeIds()) {
                if (!found.contains(id)) {
                    throw ApiException.invalidParameter("Key 'notices' error: notice " + id
                            + " is not existed or has been deleted");
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (String name : input.admins()) {
            names.add(accounts.findUser(name).orElseThrow(() -> ApiException.invalidParameter(
                    "Key 'workflow_admin' error: user " + name + " is not existed or has been deleted")).username());
        }
        return names;
    }

    /** Keeps rows of listed names, soft-deletes the others (and duplicates), adds rows for new names. */
    private void syncAdmins(long workflowId, List<String> wanted, String creator, LocalDateTime now) {
        Set<String> wantedKeys = new HashSet<>();
        wanted.forEach(name -> wantedKeys.add(name.toLowerCase(Locale.ROOT)));
        Set<String> kept = new HashSet<>();
        for (WorkflowAdminRepository.AdminRow row : admins.findActive(workflowId)) {
            String key = row.username().toLowerCase(Locale.ROOT);
            if (wantedKeys.contains(key) && kept.add(key)) {
                continue;
            }
            admins.softDelete(row.id(), now);
        }
        for (String name : wanted) {
            if (!kept.contains(name.toLowerCase(Locale.ROOT))) {
                admins.insert(workflowId, name, creator, now);
            }
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
