package io.loonflow.bpmn.ticket;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.definition.State;
import io.loonflow.bpmn.definition.Transition;
import org.springframework.stereotype.Component;

/**
 * "Everyone must handle" states (会签, distribute type 4, spec §5.7) on one user task. The ticket's
 * {@code multi_all_person} maps each participant to {@code {}} (not yet chosen) or to the transition they chose;
 * the task offers itself to the users still pending, and it is completed (the engine moves the ticket) only when the
 * last of them has chosen and everyone chose the same transition. Divergent choices leave the ticket in the state
 * with nobody to act (loonflow's design, #426): a workflow manager delivers it (admin deliver) or forces its state.
 * Every step runs under the ticket's row lock, so two participants choosing at once are recorded one after the other.
 */
@Component
class AllMustHandle {

    /** The progress after the actor's choice. */
    record Vote(Map<String, Object> progress, List<String> pending, boolean unanimous) {

        /** Everyone has chosen, and the same transition: the task is completed with it. */
        boolean advances() {
            return pending.isEmpty() && unanimous;
        }
    }

    private final ObjectMapper json;
    private final TicketEngine engine;
    private final TicketUsers users;
    private final TicketRepository tickets;
    private final TicketRecorder recorder;

    AllMustHandle(ObjectMapper json, TicketEngine engine, TicketUsers users, TicketRepository tickets,
                  TicketRecorder recorder) {
        this.json = json;
        this.engine = engine;
        this.users = users;
        this.tickets = tickets;
        this.recorder = recorder;
    }

    /** Whether the ticket is in an all-must-handle state (its progress object is not empty). */
    boolean active(Ticket ticket) {
        return !progress(ticket).isEmpty();
    }

    /** Records the actor's choice; empty when the ticket is not in an all-must-handle state. */
    Optional<Vote> vote(Ticket ticket, String actor, Transition transition) {
        Map<String, Object> progress = progress(ticket);
        if (progress.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("transition_id", transition.id());
        choice.put("transition_name", transition.name());
        progress.put(actor, choice);
        boolean unanimous = true;
        for (Object value : progress.values()) {
            if (!(value instanceof Map<?, ?> chosen) || !String.valueOf(transition.id())
                    .equals(String.valueOf(chosen.get("transition_id")))) {
                unanimous = false;
            }
        }
        return Optional.of(new Vote(progress, pendingOf(progress), unanimous));
    }

    /**
     * Not everyone has chosen yet, or the choices differ: the ticket stays where it is, offered to the users still
     * pending (participant "" when none is), and the actor's line goes into the flow log.
     */
    void stay(Ticket ticket, State state, Transition transition, String actor, String suggestion, Vote vote,
              LocalDateTime now) {
        int act = state.isStart() ? Ticket.ACT_DRAFT : Ticket.ACT_ONGOING;
        if (transition.attributeTypeId() == 2) {
            act = Ticket.ACT_BACK;
        }
        engine.assign(ticket.procInstId(), state.id(), vote.pending());
        String relation = users.setHandlers(ticket.id(), ticket.relation(), vote.pending(), now);
        Ticket stayed = TicketEdit.of(ticket)
                .participant(ticket.participantTypeId(), String.join(",", vote.pending()))
                .relation(relation).multiAllPerson(write(vote.progress())).act(act).build(now);
        tickets.update(stayed, now);
        recorder.log(ticket.id(), transition.id(), suggestion, actor, state.id(), FlowLogLine.INTERVENE_NONE,
                recorder.snapshot(stayed), now);
    }

    /** The users who have not chosen yet, in the participants' order. */
    List<String> pending(Ticket ticket) {
        return pendingOf(progress(ticket));
    }

    /** Whether the user is one of the state's participants (chosen or not). */
    boolean participates(Ticket ticket, String username) {
        return progress(ticket).containsKey(username);
    }

    /** Deliver by a pending participant: the target takes over that participant's place (not yet chosen). */
    String handOver(Ticket ticket, String from, String to) {
        Map<String, Object> replaced = new LinkedHashMap<>();
        progress(ticket).forEach((user, value) -> replaced.put(user.equals(from) ? to : user, value));
        return write(replaced);
    }

    private Map<String, Object> progress(Ticket ticket) {
        String text = ticket.multiAllPerson();
        Map<String, Object> progress = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return progress;
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException("the ticket's multi_all_person is not a JSON object: " + text);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new ApiException("the ticket's multi_all_person is not a JSON object: " + text);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            progress.put(entry.getKey(), TicketValues.toJava(entry.getValue()));
        }
        return progress;
    }

    private static List<String> pendingOf(Map<String, Object> progress) {
        List<String> pending = new ArrayList<>();
        progress.forEach((user, value) -> {
            if (value == null || (value instanceof Map<?, ?> map && map.isEmpty())) {
                pending.add(user);
            }
        });
        return pending;
    }

    private String write(Map<String, Object> progress) {
        try {
            return json.writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
