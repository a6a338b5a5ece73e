package io.loonflow.bpmn.definition;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.api.ApiException;
import org.springframework.stereotype.Component;

/**
 * Checks that a state's {@code participant} text fits its {@code participant_type_id} (schema §4.3) and names
 * things that exist; returns the text to store (list entries trimmed, hook JSON normalised). loonflow stored
 * anything and failed later when a ticket arrived.
 */
@Component
class ParticipantRules {

    static final int MAX_LENGTH = 1000;

    private static final Set<String> HOOK_KEYS = Set.of("hook_url", ParticipantSecrets.HOOK_TOKEN, "wait", "extra_info");

    private final AccountDirectory accounts;
    private final ParticipantNames directory;
    private final CustomFieldRepository customFields;

    ParticipantRules(AccountDirectory accounts, ParticipantNames directory, CustomFieldRepository customFields) {
        this.accounts = accounts;
        this.directory = directory;
        this.customFields = customFields;
    }

    /**
     * @param previous the state being replaced (null on create): a hook token sent back masked keeps its secret
     */
    String check(int typeId, String participant, long workflowId, State previous) {
        String text = participant == null ? "" : participant.trim();
        String normalised;
        switch (typeId) {
            case ParticipantTypes.NONE:
                if (!text.isEmpty()) {
                    throw fail("must be empty when participant_type_id is 0 (nobody)");
                }
                normalised = "";
                break;
            case ParticipantTypes.PERSONAL:
                if (text.contains(",")) {
                    throw fail("participant_type_id 1 (personal) takes one username; use 2 for several");
                }
                normalised = requireUsers(List.of(required(text, "a username")));
                break;
            case ParticipantTypes.MULTI:
                normalised = requireUsers(entries(text, "comma-separated usernames"));
                break;
            case ParticipantTypes.DEPT:
                normalised = requireIds(entries(text, "comma-separated department ids"), "department",
                        directory::deptName);
                break;
            case ParticipantTypes.ROLE:
                if (text.contains(",")) {
                    throw fail("participant_type_id 4 (role) takes one role id");
                }
                normalised = requireIds(List.of(required(text, "a role id")), "role", directory::roleName);
                break;
            case ParticipantTypes.VARIABLE:
                normalised = requireVariables(entries(text, "creator and/or creator_tl, comma-separated"));
                break;
            case ParticipantTypes.SCRIPT:
                normalised = requireIds(List.of(required(text, "a workflow script id")), "workflow script",
                        directory::scriptName);
                break;
            case ParticipantTypes.FIELD:
                normalised = requireFieldKeys(entries(text, "comma-separated field keys"), workflowId);
                break;
            case ParticipantTypes.PARENT_FIELD:
                normalised = requireKeys(entries(text, "comma-separated field keys of the parent ticket"));
                break;
            case ParticipantTypes.HOOK:
                normalised = hook(text, previous);
                break;
            default:
                throw new ApiException("participant_type_id " + typeId + " is not supported");
        }
        if (normalised.length() > MAX_LENGTH) {
            throw fail("at most " + MAX_LENGTH + " characters are allowed, got " + normalised.length());
        }
        return normalised;
    }

    private static ApiException fail(String detail) {
        return new ApiException("participant error: " + detail);
    }

    private static String required(String text, String what) {
        if (text.isEmpty()) {
            throw fail(what + " is needed");
        }
        return text;
    }

    private static List<String> entries(String text, String what) {
        required(text, what);
        List<String> result = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                throw fail("empty entry in '" + abbreviate(text) + "', expected " + what);
            }
            result.add(trimmed);
        }
        return result;
    }

    private String requireUsers(List<String> usernames) {
        // loonrobot is no account: a state waiting for child tickets names it (spec §5.16)
        List<String> missing = usernames.stream()
                .filter(name -> !io.loonflow.bpmn.api.Caller.ROBOT.equals(name))
                .filter(name -> accounts.findUser(name).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw fail("user(s) not existed or deleted: " + abbreviate(String.join(",", missing)));
        }
        return String.join(",", usernames);
    }

    private static String requireIds(List<String> ids, String kind,
                                     LongFunction<Optional<String>> lookup) {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (!id.chars().allMatch(c -> c >= '0' && c <= '9') || id.length() > 18) {
                throw fail("'" + abbreviate(id) + "' is not a " + kind + " id");
            }
            if (lookup.apply(Long.parseLong(id)).isEmpty()) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw fail(kind + "(s) not existed or deleted: " + String.join(",", missing));
        }
        return String.join(",", ids);
    }

    private static String requireVariables(List<String> variables) {
        for (String variable : variables) {
            if (!variable.equals(ParticipantTypes.VARIABLE_CREATOR)
                    && !variable.equals(ParticipantTypes.VARIABLE_CREATOR_TL)) {
                throw fail("unknown variable '" + abbreviate(variable) + "', expected creator or creator_tl");
            }
        }
        return String.join(",", variables);
    }

    private String requireFieldKeys(List<String> keys, long workflowId) {
        Set<String> known = customFields.findActiveByWorkflow(workflowId).stream()
                .map(CustomField::fieldKey).collect(Collectors.toSet());
        List<String> unknown = keys.stream()
                .filter(key -> !known.contains(key) && !BuiltInFields.TICKET_COLUMNS.contains(key)).toList();
        if (!unknown.isEmpty()) {
            throw fail("not a custom field of workflow " + workflowId + " nor a ticket column: "
                    + abbreviate(String.join(",", unknown)));
        }
        return String.join(",", keys);
    }

    private static String requireKeys(List<String> keys) {
        for (String key : keys) {
            if (key.chars().anyMatch(Character::isWhitespace)) {
                throw fail("field key '" + abbreviate(key) + "' contains white space");
            }
        }
        return String.join(",", keys);
    }

    private static String hook(String text, State previous) {
        required(text, "a JSON object {\"hook_url\", \"hook_token\", \"wait\", \"extra_info\"}");
        JsonNode parsed = StateJson.parseOrNull(text, "hook participant in request");
        if (parsed == null || !parsed.isObject()) {
            throw fail("participant_type_id 10 (hook) needs a JSON object "
                    + "{\"hook_url\": str, \"hook_token\": str, \"wait\": bool, \"extra_info\": any}");
        }
        ObjectNode hook = (ObjectNode) parsed;
        for (Iterator<String> it = hook.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!HOOK_KEYS.contains(key)) {
                throw fail("unknown hook key '" + abbreviate(key) + "', allowed: hook_url, hook_token, wait, extra_info");
            }
        }
        JsonNode url = hook.get("hook_url");
        if (url == null || !url.isTextual() || !isHttpUrl(url.asText())) {
            throw fail("hook_url must be an http:// or https:// URL");
        }
        JsonNode token = hook.get(ParticipantSecrets.HOOK_TOKEN);
        if (token == null || !token.isTextual()) {
            throw fail("hook_token must be a string");
        }
        JsonNode wait = hook.get("wait");
        if (wait == null || !wait.isBoolean()) {
            throw fail("wait must be true or false");
        }
        if (ParticipantSecrets.MASK.equals(token.asText())) {
            String stored = previous == null ? null
                    : ParticipantSecrets.storedToken(previous.participantTypeId(), previous.participant());
            if (stored == null) {
                throw fail("hook_token '" + ParticipantSecrets.MASK + "' is the masked placeholder; "
                        + "send the real token");
            }
            hook.put(ParticipantSecrets.HOOK_TOKEN, stored);
        }
        return StateJson.write(hook);
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
