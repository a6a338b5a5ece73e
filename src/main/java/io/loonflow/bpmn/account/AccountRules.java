package io.loonflow.bpmn.account;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.BodySchema;
import io.loonflow.bpmn.api.Rules;
import io.loonflow.bpmn.api.Values;

/** Body rules specific to account requests; lengths follow the columns of {@code V1__accounts.sql}. */
final class AccountRules {

    static final int NAME_MAX = 50;
    static final int EMAIL_MAX = 255;
    static final int PHONE_MAX = 13;
    static final int LABEL_MAX = 1000;
    static final int APPROVER_MAX = 1000;
    static final int WORKFLOW_IDS_MAX = 2000;
    static final int SN_PREFIX_MAX = 20;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+");

    private AccountRules() {
    }

    /**
     * A username: non-empty, at most 50 characters, no surrounding spaces (MySQL ignores trailing ones when
     * comparing), no comma (usernames are stored in comma-separated lists) and no control characters.
     */
    static BodySchema.Rule username() {
        BodySchema.Rule base = Rules.nonEmptyText(NAME_MAX, "username is needed");
        return (key, value) -> {
            base.check(key, value);
            String text = value.asText();
            if (!text.equals(text.strip())) {
                throw ApiException.invalidParameter("Key '" + key + "' error: must not start or end with spaces");
            }
            if (text.indexOf(',') >= 0) {
                throw ApiException.invalidParameter("Key '" + key + "' error: must not contain ','");
            }
            if (text.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.invalidParameter("Key '" + key + "' error: must not contain control characters");
            }
        };
    }

    /** An application name: the {@code appname} header must equal it, so no surrounding spaces. */
    static BodySchema.Rule appName() {
        BodySchema.Rule base = Rules.nonEmptyText(NAME_MAX, "app_name is needed");
        return (key, value) -> {
            base.check(key, value);
            String text = value.asText();
            if (!text.equals(text.strip()) || text.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.invalidParameter("Key '" + key
                        + "' error: must not start or end with spaces or contain control characters");
            }
        };
    }

    static BodySchema.Rule email() {
        BodySchema.Rule base = Rules.nonEmptyText(EMAIL_MAX, "email is needed");
        return (key, value) -> {
            base.check(key, value);
            if (!EMAIL.matcher(value.asText()).matches()) {
                throw ApiException.invalidParameter("Key '" + key + "' error: '" + value.asText()
                        + "' is not a valid email address");
            }
        };
    }

    /** An integer id greater than zero (a number or a numeric string). */
    static BodySchema.Rule positiveId() {
        return (key, value) -> {
            if (toLong(key, value) <= 0) {
                throw ApiException.invalidParameter("Key '" + key + "' error: should be an integer greater than 0");
            }
        };
    }

    /** An integer id of zero or more (0 = none). */
    static BodySchema.Rule idOrZero() {
        return (key, value) -> {
            if (toLong(key, value) < 0) {
                throw ApiException.invalidParameter("Key '" + key + "' error: should be an integer of 0 or more");
            }
        };
    }

    /** A required flag with Django's boolean coercion; null is refused (the column is NOT NULL). */
    static BodySchema.Rule flag() {
        return (key, value) -> Values.toBoolean(key, value);
    }

    /** A JSON integer; anything else fails with loonflow's custom {@code message}. */
    static BodySchema.Rule jsonInteger(String message) {
        return (key, value) -> {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw ApiException.invalidParameter(message);
            }
        };
    }

    private static long toLong(String key, JsonNode value) {
        if (value.isNull()) {
            throw ApiException.invalidParameter("Key '" + key + "' error: None should be instance of 'int'");
        }
        return Values.toLong(key, value);
    }
}
