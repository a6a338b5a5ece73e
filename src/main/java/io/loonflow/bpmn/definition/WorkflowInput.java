package io.loonflow.bpmn.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.JsonBody;
import io.loonflow.bpmn.api.Rules;

/**
 * The body of POST / PATCH {@code /workflows}, checked for form. loonflow's field list and full-replace semantics
 * are kept (an omitted key resets the column), but omitted JSON columns get the model defaults {@code {}} and
 * {@code []} instead of {@code ""}, which broke ticket screens. References (notice ids, admin usernames) are
 * checked against the database by {@link WorkflowEditService}.
 */
record WorkflowInput(String name, String description, String notices, List<Long> noticeIds,
                     boolean viewPermissionCheck, String limitExpression, String displayFormStr, List<String> admins,
                     String titleTemplate, String contentTemplate) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static final int NOTICES_MAX = 50;

    /** loonflow's schema plus column lengths; other keys pass unchecked, as in loonflow ("[+extra]"). */
    private static final BodySchema SCHEMA = BodySchema.allowingExtraKeys()
            .required("name", Rules.nonEmptyText(50, "name is needed"))
            .optional("description", Rules.text(50))
            .optional("notices", Rules.text(1000))
            .optional("view_permission_check", Rules.bool())
            .optional("limit_expression", Rules.jsonObjectText(1000))
            .optional("display_form_str", Rules.jsonArrayText(10000))
            .optional("workflow_admin", Rules.text(2000))
            .optional("title_template", Rules.text(50))
            .optional("content_template", Rules.text(1000));

    static WorkflowInput parse(String rawBody) {
        JsonBody body = SCHEMA.validate(rawBody);
        List<Long> noticeIds = noticeIds(body.text("notices", ""));
        String notices = joinIds(noticeIds);
        if (notices.length() > NOTICES_MAX) {
            throw ApiException.invalidParameter("Key 'notices' error: at most " + NOTICES_MAX
                    + " characters are allowed, got " + notices.length());
        }
        String displayForm = jsonText(body, "display_form_str", "[]");
        for (JsonNode key : read(displayForm)) {
            if (!key.isTextual() || key.asText().isEmpty()) {
                throw ApiException.invalidParameter("Key 'display_form_str' error: every element must be a field key string");
            }
        }
        String limitExpression = jsonText(body, "limit_expression", "{}");
        WorkflowLimitExpression.check(read(limitExpression));
        return new WorkflowInput(body.text("name", ""), body.text("description", ""), notices, noticeIds,
                body.bool("view_permission_check", true), limitExpression, displayForm,
                usernames(body.text("workflow_admin", "")), body.text("title_template", ""),
                body.text("content_template", ""));
    }

    /** {@code "1, 3"} → [1, 3]; empty → none. An empty element or a non-number is refused. */
    static List<Long> noticeIds(String text) {
        Set<Long> ids = new LinkedHashSet<>();
        if (text.isBlank()) {
            return List.of();
        }
        for (String part : text.split(",", -1)) {
            String trimmed = part.trim();
            if (!trimmed.matches("\\d{1,18}")) {
                throw ApiException.invalidParameter("Key 'notices' error: '" + abbreviate(text)
                        + "' is not a comma-separated list of notice ids");
            }
            ids.add(Long.parseLong(trimmed));
        }
        return new ArrayList<>(ids);
    }

    private static String joinIds(List<Long> ids) {
        StringBuilder joined = new StringBuilder();
        for (Long id : ids) {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(id);
        }
        return joined.toString();
    }

    /** Comma-separated usernames, trimmed, empty elements skipped, case-insensitive duplicates dropped. */
    private static List<String> usernames(String text) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                names.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), trimmed);
            }
        }
        return new ArrayList<>(names.values());
    }

    /** The stored text of a JSON column: the string as sent, a JSON value as its text, blank → the default. */
    private static String jsonText(JsonBody body, String key, String fallback) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.isBlank() ? fallback : text;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validated by the schema already", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
