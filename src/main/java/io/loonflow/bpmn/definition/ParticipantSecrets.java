package io.loonflow.bpmn.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hook states keep a shared secret ({@code hook_token}) in their participant JSON. loonflow returned it verbatim
 * to every caller of the state list and detail (bug 7); here it is replaced by {@link #MASK} in every response.
 * An admin who sends the mask back unchanged keeps the stored secret.
 */
final class ParticipantSecrets {

    /** Also what loonflow stores as a ticket's participant while a hook state handles it. */
    static final String MASK = "***";

    static final String HOOK_TOKEN = "hook_token";

    private ParticipantSecrets() {
    }

    /** The participant as callers may see it: for hook states the token masked, unreadable JSON masked whole. */
    static String mask(int participantTypeId, String participant) {
        if (participantTypeId != ParticipantTypes.HOOK || participant == null || participant.isEmpty()) {
            return participant;
        }
        JsonNode parsed = StateJson.parseOrNull(participant, "hook participant");
        if (parsed == null || !parsed.isObject()) {
            return MASK; // cannot tell where the secret is, so show none of it
        }
        ObjectNode copy = ((ObjectNode) parsed).deepCopy();
        if (copy.has(HOOK_TOKEN)) {
            copy.put(HOOK_TOKEN, MASK);
        }
        return StateJson.write(copy);
    }

    /** The stored secret of a hook participant, if it has a textual one. */
    static String storedToken(int participantTypeId, String participant) {
        if (participantTypeId != ParticipantTypes.HOOK) {
            return null;
        }
        JsonNode parsed = StateJson.parseOrNull(participant, "hook participant");
        if (parsed == null || !parsed.isObject() || !parsed.path(HOOK_TOKEN).isTextual()) {
            return null;
        }
        return parsed.get(HOOK_TOKEN).asText();
    }
}
