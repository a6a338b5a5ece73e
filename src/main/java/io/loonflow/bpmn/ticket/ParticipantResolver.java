package io.loonflow.bpmn.ticket;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.account.ParticipantDirectory;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.definition.State;
import org.springframework.stereotype.Component;

/**
 * Resolves the participants of a state a ticket enters (ticket spec §5.2), remembering the last handler of a
 * state that asks for it (§5.3, as documented; loonflow 1.0.14 applied it to start and end states only). Other
 * differences from loonflow: names keep
 * their first-seen order (loonflow shuffled them through a set), department and role members are live, active
 * users only, and a state that resolves to nobody is an error instead of a ticket nobody can ever act on.
 */
@Component
class ParticipantResolver {

    /** What the resolution may read: the ticket's creator, its values and its parent's values. */
    interface Context {
        String creator();

        /** The value of a field for participant type 7 (request value or stored value), as text; null if unset. */
        String fieldValue(String fieldKey);

        /** The parent ticket's stored value of a field for participant type 8; null if unset or no parent. */
        String parentFieldValue(String fieldKey);

        /**
         * The person of the ticket's newest flow-log line filed under this state, when that line was a person's
         * (spec §5.3, remember last handler); null when there is none.
         */
        default String lastPersonIn(long stateId) {
            return null;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ParticipantDirectory directory;
    private final ObjectMapper json;

    ParticipantResolver(ParticipantDirectory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    Participants resolve(State state, Context context) {
        if (state.isStart()) {
            return single(context.creator());
        }
        if (state.isEnd()) {
            return new Participants(Participants.PERSON, "", Participants.NO_MULTI_ALL, List.of());
        }
        if (state.rememberLastManEnable() && state.distributeTypeId() != 4) {
            String last = context.lastPersonIn(state.id());
            if (last != null && !last.isEmpty() && directory.findUser(last).map(u -> u.active()).orElse(false)) {
                return single(last);
            }
        }
        String configured = state.participant() == null ? "" : state.participant().trim();
        List<String> names;
        int type = state.participantTypeId();
        switch (type) {
            case Participants.PERSON, Participants.PEOPLE -> names = TicketUsers.split(configured);
            case Participants.DEPT -> {
                names = directory.deptUsernames(configured);
                type = Participants.PERSON;
            }
            case Participants.ROLE -> {
                names = directory.roleUsernames(parseId(configured, state));
                type = Participants.PERSON;
            }
            case Participants.VARIABLE -> {
                names = variables(configured, context);
                type = Participants.PERSON;
            }
            case Participants.FIELD, Participants.PARENT_FIELD -> {
                names = new ArrayList<>();
                for (String key : TicketUsers.split(configured)) {
                    String value = type == Participants.FIELD ? context.fieldValue(key) : context.parentFieldValue(key);
                    if (value != null) {
                        names.addAll(TicketUsers.split(value));
                    }
                }
                type = Participants.PERSON;
            }
            case Participants.SCRIPT -> {
                return new Participants(Participants.SCRIPT, configured, Participants.NO_MULTI_ALL, List.of());
            }
            case Participants.HOOK -> {
                return new Participants(Participants.HOOK, Participants.HOOK_PLACEHOLDER, Participants.NO_MULTI_ALL,
                        List.of());
            }
            default -> {
                return new Participants(type, configured, Participants.NO_MULTI_ALL, List.of());
            }
        }
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(names));
        if (unique.isEmpty()) {
            throw new ApiException("nobody can handle state " + state.name() + " (id " + state.id()
                    + "): its participant configuration resolves to no user");
        }
        if (unique.size() > 1) {
            type = Participants.PEOPLE;
        }
        if (type == Participants.PEOPLE && state.distributeTypeId() == 3) {
            String chosen = unique.get(RANDOM.nextInt(unique.size()));
            return new Participants(Participants.PEOPLE, chosen, Participants.NO_MULTI_ALL, List.of(chosen));
        }
        String multiAll = Participants.NO_MULTI_ALL;
        if (type == Participants.PEOPLE && state.distributeTypeId() == 4) {
            Map<String, Object> pending = new LinkedHashMap<>();
            unique.forEach(name -> pending.put(name, Map.of()));
            multiAll = write(pending);
        }
        return new Participants(type, String.join(",", unique), multiAll, unique);
    }

    private List<String> variables(String configured, Context context) {
        List<String> names = new ArrayList<>();
        for (String variable : TicketUsers.split(configured)) {
            if (variable.equals("creator")) {
                names.add(context.creator());
            } else if (variable.equals("creator_tl")) {
                names.addAll(directory.creatorTeamLeaders(context.creator()));
            }
        }
        return names;
    }

    private static Participants single(String username) {
        return new Participants(Participants.PERSON, username, Participants.NO_MULTI_ALL, List.of(username));
    }

    private static long parseId(String text, State state) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ApiException("state " + state.id() + " has an invalid role id: " + text);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> names(String participant) {
        return new LinkedHashSet<>(TicketUsers.split(participant));
    }
}
