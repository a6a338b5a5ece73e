package io.loonflow.bpmn.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.support.ApiClient;
import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Sends malformed, mistyped, oversized and unknown-id requests to every {@code /api} endpoint the application
 * registers (found from the handler mapping, so new endpoints are swept automatically) as a super admin, as a
 * plain user and as an app without a username. Nothing may answer HTTP 500 or leave loonflow's envelope.
 */
class BadInputSweepTest extends IntegrationTest {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static final String HUGE = "x".repeat(70_000);
    private static final List<String> COMMON_KEYS = List.of("name", "description", "workflow_id", "state_id",
            "type_id", "participant", "participant_type_id", "distribute_type_id", "field_key", "field_name",
            "field_type_id", "order_id", "transition_type_id", "source_state_id", "destination_state_id",
            "condition_expression", "timer", "attribute_type_id", "username", "password", "alias", "email", "phone",
            "dept_id", "dept_ids", "role_id", "role_ids", "user_ids", "app_name", "workflow_ids", "ticket_sn_prefix",
            "hook_url", "hook_token", "limit_expression", "display_form_str", "state_field_str", "label",
            "field_choice", "boolean_field_display", "default_value", "field_template", "notices",
            "view_permission_check", "workflow_admin", "title_template", "content_template", "is_hidden",
            "is_active", "is_admin", "is_workflow_admin", "leader", "approver", "parent_dept_id",
            "remember_last_man_enable", "enable_retreat", "alert_enable", "alert_text", "field_require_check",
            "title", "transition_id", "suggestion", "target_username", "result", "msg", "field_value");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    /** Rows with this id exist in every table, so that "existing id" requests never touch other tests' data. */
    private static final long SACRIFICE_ID = 7_770_777L;

    private static final List<String> SACRIFICE_INSERTS = List.of(
            "INSERT INTO account_loonuser (id, username, password) VALUES (:id, 'sweep_sacrifice', '!x')",
            "INSERT INTO account_loondept (id, name) VALUES (:id, 'sweep dept')",
            "INSERT INTO account_loonrole (id, name) VALUES (:id, 'sweep role')",
            "INSERT INTO account_loonuserrole (id, user_id, role_id) VALUES (:id, :id, :id)",
            "INSERT INTO account_apptoken (id, app_name, token) VALUES (:id, 'sweep_sacrifice', 'x')",
            "INSERT INTO workflow_workflow (id, name) VALUES (:id, 'sweep workflow')",
            "INSERT INTO workflow_state (id, name, workflow_id, type_id, state_field_str) VALUES (:id, 's', :id, 1, '{}')",
            "INSERT INTO workflow_transition (id, name, workflow_id, source_state_id, destination_state_id)"
                    + " VALUES (:id, 't', :id, :id, :id)",
            "INSERT INTO workflow_customfield (id, workflow_id, field_type_id, field_key, field_name, field_template)"
                    + " VALUES (:id, :id, 5, 'sweep_key', 'f', '')",
            "INSERT INTO workflow_customnotice (id, name) VALUES (:id, 'sweep notice')",
            "INSERT INTO workflow_workflowscript (id, name, content) VALUES (:id, 'sweep.py', 'print(1)')",
            "INSERT INTO ticket_ticketrecord (id, title, workflow_id, state_id, participant_type_id, participant,"
                    + " creator) VALUES (:id, 'sweep', :id, :id, 1, 'sweep_sacrifice', 'sweep_sacrifice')");

    private void sacrificialRecords() {
        for (String insert : SACRIFICE_INSERTS) {
            String table = insert.split(" ")[2];
            long present = jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = :id").param("id", SACRIFICE_ID)
                    .query(Long.class).single();
            if (present == 0) {
                jdbc.sql(insert).param("id", SACRIFICE_ID).update();
            }
        }
    }

    @Test
    void everyApiEndpointAnswersBadInputInTheEnvelope() {
        sacrificialRecords();
        List<Endpoint> endpoints = apiEndpoints();
        assertThat(endpoints).as("API endpoints found").isNotEmpty();

        String app = TestData.unique("sweep_app");
        String token = data().appToken(app, "1,2,3");
        String admin = TestData.unique("sweep_admin");
        data().user(admin, true, true);
        String plain = TestData.unique("sweep_user");
        data().user(plain, false, false);
        List<ApiClient> callers = List.of(
                api().signed(app, token).username(admin),
                api().signed(app, token).username(plain),
                api().signed(app, token));

        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (String path : concretePaths(endpoint.pattern())) {
                for (ApiClient caller : callers) {
                    for (String query : queries()) {
                        if (endpoint.method().equals("GET") || endpoint.method().equals("DELETE")) {
                            check(failures, caller, endpoint.method(), path + query, null);
                        }
                    }
                    if (!endpoint.method().equals("GET") && !endpoint.method().equals("DELETE")) {
                        for (String body : bodies()) {
                            check(failures, caller, endpoint.method(), path, body);
                        }
                    }
                }
            }
        }
        assertThat(failures).as("requests answered outside the envelope").isEmpty();
    }

    private void check(List<String> failures, ApiClient caller, String method, String path, String body) {
        ApiClient.Response response = caller.send(method, path, body);
        String request = method + " " + path + (body == null ? "" : " body=" + abbreviate(body));
        if (response.status() >= 500) {
            failures.add(request + " -> HTTP " + response.status());
            return;
        }
        if (response.status() != 200) {
            return; // 404 for ids the route pattern rejects, 405 for unsupported methods, 302 redirects
        }
        String contentType = response.headers().getOrDefault("content-type", List.of("")).get(0);
        if (!contentType.contains("json")) {
            return; // e.g. a BPMN XML download succeeded
        }
        JsonNode json = response.json();
        int code = json.path("code").asInt(Integer.MIN_VALUE);
        if (!(code == 0 || code == -1) || !json.has("msg") || !json.has("data")) {
            failures.add(request + " -> " + abbreviate(response.body()));
        } else if (code == -1 && json.path("msg").asText().startsWith("internal error")) {
            failures.add(request + " -> unexpected exception: " + json.path("msg").asText());
        }
    }

    private List<Endpoint> apiEndpoints() {
        Set<Endpoint> result = new LinkedHashSet<>();
        for (Map.Entry<RequestMappingInfo, ?> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    result.add(new Endpoint(method.name(), pattern));
                }
            }
        }
        return new ArrayList<>(new TreeSet<>(result));
    }

    /**
     * Each path variable as the id of a sacrificial record (present in every table, see {@link #sacrificialRecords}),
     * an unknown id, zero, and a number too large for a long.
     */
    private static List<String> concretePaths(String pattern) {
        List<String> paths = new ArrayList<>();
        for (String id : List.of(String.valueOf(SACRIFICE_ID), "987654321", "0", "99999999999999999999999")) {
            Matcher matcher = PATH_VARIABLE.matcher(pattern);
            paths.add(matcher.replaceAll(id));
        }
        return paths;
    }

    private static List<String> queries() {
        return List.of("", "?page=abc&per_page=x", "?page=-5&per_page=0", "?per_page=100000000",
                "?search_value=" + "%27%22%3B--".repeat(50) + "&from_admin=zz",
                "?category=unknown&ticket_ids=a,b&workflow_ids=x");
    }

    private static List<String> bodies() {
        List<String> bodies = new ArrayList<>(List.of("", "{", "[]", "\"text\"", "null", "{\"unknown_key\": 1}",
                "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}"));
        for (String value : List.of("{\"nested\": [1, 2]}", "-1", "\"" + HUGE + "\"", "null", "true", "\"abc\"",
                "[\"x\", 3]", "1e309", "99999999999999999999999")) {
            StringBuilder body = new StringBuilder("{");
            for (String key : COMMON_KEYS) {
                if (body.length() > 1) {
                    body.append(", ");
                }
                body.append('"').append(key).append("\": ").append(value);
            }
            bodies.add(body.append('}').toString());
        }
        return bodies;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private record Endpoint(String method, String pattern) implements Comparable<Endpoint> {
        /** Deletions last, so that they do not remove the sacrificial records before the other calls use them. */
        @Override
        public int compareTo(Endpoint other) {
            return (method.equals("DELETE") + pattern + method)
                    .compareTo(other.method.equals("DELETE") + other.pattern + other.method);
        }
    }
}
