package io.loonflow.bpmn.definition;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.account.AccountDirectory.UserFlags;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Run scripts (§2.22). Workflow admins may list them (to pick one for a script state); uploading, changing and
 * deleting are for super admins only, because a script is code the service will run for every workflow using it.
 * Nothing here executes a script.
 */
@Service
class WorkflowScriptService {

    static final String NOT_FOUND = "the record is not exist or has been deleted";

    private final WorkflowScriptRepository scripts;
    private final AccountDirectory accounts;
    private final Clock clock;

    WorkflowScriptService(WorkflowScriptRepository scripts, AccountDirectory accounts, Clock clock) {
        this.scripts = scripts;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> list(Caller caller, String searchValue, Paging paging) {
        accounts.requireWorkflowAdminFlag(caller);
        String search = WorkflowSqlLike.normalise(searchValue);
        long total = scripts.countActive(search);
        List<Map<String, Object>> items = new ArrayList<>();
        for (WorkflowScript script : scripts.pageActive(search, paging.perPage(), paging.offset(total))) {
            items.add(item(script));
        }
        return paging.result(items, total);
    }

    @Transactional
    public Map<String, Object> create(Caller caller, WorkflowScriptUpload upload) {
        UserFlags user = accounts.requireSuperAdmin(caller);
        long id = scripts.insert(upload.name(), upload.description(), upload.active(), upload.savedName(),
                upload.content(), user.username(), now());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("script_id", id);
        return data;
    }

    @Transactional
    public void update(Caller caller, long id, WorkflowScriptUpload upload) {
        accounts.requireSuperAdmin(caller);
        if (!scripts.update(id, upload.name(), upload.description(), upload.active(), upload.savedName(),
                upload.content(), now())) {
            throw new ApiException(NOT_FOUND);
        }
    }

    /** Refused while a live state runs the script: loonflow let tickets reaching such a state hang silently. */
    @Transactional
    public void delete(Caller caller, long id) {
        accounts.requireSuperAdmin(caller);
        List<Long> states = scripts.statesUsing(id);
        if (!states.isEmpty()) {
            throw new ApiException("the script is used by state " + states.stream().map(String::valueOf)
                    .reduce((a, b) -> a + ", " + b).orElse("") + "; change those states first");
        }
        if (!scripts.softDelete(id, now())) {
            throw new ApiException(NOT_FOUND);
        }
    }

    private static Map<String, Object> item(WorkflowScript s) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", s.id());
        item.put("name", s.name());
        item.put("description", s.description());
        item.put("saved_name", s.savedName());
        item.put("is_active", s.active());
        item.put("creator", s.creator());
        item.put("gmt_created", ApiTime.format(s.gmtCreated()));
        return item;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
