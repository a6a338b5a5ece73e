package io.loonflow.bpmn.definition;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.loonflow.bpmn.account.AccountDirectory.UserFlags;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.Caller;
import io.loonflow.bpmn.api.Paging;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Custom field definitions of a workflow (§2.18–2.21). Changes lock the workflow row, so that the key-uniqueness
 * check and the write cannot interleave with another edit of the same workflow, and announce
 * {@link WorkflowDefinitionChanged} inside the transaction.
 */
@Service
class CustomFieldService {

    static final String NOT_FOUND = "custom field is not existed or has been deleted";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final CustomFieldRepository fields;
    private final WorkflowRepository workflows;
    private final WorkflowPermissions permissions;
    private final WorkflowAdminAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomFieldService(CustomFieldRepository fields, WorkflowRepository workflows, WorkflowPermissions permissions,
                       WorkflowAdminAccess access, ApplicationEventPublisher events, Clock clock) {
        this.fields = fields;
        this.workflows = workflows;
        this.permissions = permissions;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /**
     * GET: any caller naming a user, but only for a workflow its app may use (loonflow skipped the app check here,
     * so every app could read every workflow's fields).
     */
    @Transactional(readOnly = true)
    public Map<String, Object> list(Caller caller, long workflowId, String searchValue, Paging paging) {
        caller.requireUsername();
        permissions.requireAppMayUse(caller, workflowId, Map.of());
        String search = WorkflowSqlLike.normalise(searchValue);
        long total = fields.countActiveByWorkflow(workflowId, search);
        List<Map<String, Object>> items = new ArrayList<>();
        for (CustomField field : fields.pageActiveByWorkflow(workflowId, search, paging.perPage(), paging.offset(total))) {
            items.add(item(field));
        }
        return paging.result(items, total);
    }

    @Transactional
    public Map<String, Object> create(Caller caller, long workflowId, String rawBody) {
        CustomFieldInput input = CustomFieldInput.parse(rawBody);
        UserFlags user = access.requireAdministers(caller, workflowId);
        lockWorkflow(workflowId, Map.of());
        requireUniqueKey(workflowId, input.fieldKey(), 0, Map.of());
        long id = fields.insert(workflowId, input, user.username(), now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
        return value(id);
    }

    /** PATCH: full replace (loonflow), but the field must exist and belong to the workflow in the URL. */
    @Transactional
    public void update(Caller caller, long workflowId, long fieldId, String rawBody) {
        CustomFieldInput input = CustomFieldInput.parse(rawBody);
        access.requireAdministers(caller, workflowId);
        lockWorkflow(workflowId, "");
        requireField(workflowId, fieldId, "");
        requireUniqueKey(workflowId, input.fieldKey(), fieldId, "");
        fields.update(fieldId, input, now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
    }

    /** DELETE: soft delete; ticket values stay. loonflow's answer carries an empty id, kept as it is. */
    @Transactional
    public Map<String, Object> delete(Caller caller, long workflowId, long fieldId) {
        access.requireAdministers(caller, workflowId);
        lockWorkflow(workflowId, Map.of());
        requireField(workflowId, fieldId, Map.of());
        fields.softDelete(fieldId, now());
        events.publishEvent(new WorkflowDefinitionChanged(workflowId));
        return value("");
    }

    private void lockWorkflow(long workflowId, Object failureData) {
        workflows.lockActive(workflowId)
                .orElseThrow(() -> new ApiException(WorkflowCatalogService.NOT_FOUND, failureData));
    }

    private void requireField(long workflowId, long fieldId, Object failureData) {
        fields.findActive(fieldId).filter(f -> f.workflowId() == workflowId)
                .orElseThrow(() -> new ApiException(NOT_FOUND, failureData));
    }

    private void requireUniqueKey(long workflowId, String key, long exceptFieldId, Object failureData) {
        for (CustomField other : fields.findActiveByKey(workflowId, key)) {
            if (other.id() != exceptFieldId) {
                throw new ApiException("field_key " + key + " is already used by custom field " + other.id()
                        + " of this workflow", failureData);
            }
        }
    }

    private static Map<String, Object> value(Object id) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("custom_field_id", id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("value", inner);
        return data;
    }

    /** get_dict with the JSON columns parsed; invalid legacy text reads as {} instead of failing the whole list. */
    private static Map<String, Object> item(CustomField f) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", f.id());
        item.put("creator", f.creator());
        item.put("gmt_created", ApiTime.format(f.gmtCreated()));
        item.put("gmt_modified", ApiTime.format(f.gmtModified()));
        item.put("is_deleted", f.deleted());
        item.put("workflow_id", f.workflowId());
        item.put("field_type_id", f.fieldTypeId());
        item.put("field_key", f.fieldKey());
        item.put("field_name", f.fieldName());
        item.put("order_id", f.orderId());
        item.put("default_value", f.defaultValue());
        item.put("description", f.description());
        item.put("field_template", f.fieldTemplate());
        item.put("boolean_field_display", object(f.booleanFieldDisplay()));
        item.put("field_choice", object(f.fieldChoice()));
        item.put("label", object(f.label()));
        return item;
    }

    static JsonNode object(String text) {
        if (text != null && !text.isBlank()) {
            try {
                JsonNode parsed = MAPPER.readTree(text);
                if (parsed != null && parsed.isObject()) {
                    return parsed;
                }
            } catch (JsonProcessingException e) {
                // fall through: legacy rows may hold anything
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
