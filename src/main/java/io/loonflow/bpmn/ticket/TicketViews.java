package io.loonflow.bpmn.ticket;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loonflow.bpmn.account.ParticipantDirectory;
import io.loonflow.bpmn.account.ParticipantDirectory.AccountUser;
import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.api.Values;
import io.loonflow.bpmn.definition.StateRepository;
import io.loonflow.bpmn.definition.WorkflowRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ticket shapes shared by the list and the detail (ticket spec §2.6, §4.1, §5.19): the ticket dict, its
 * {@code state}, {@code participant_info}, {@code creator_info} and {@code workflow_info}.
 * <p>
 * {@link #render} looks up everything a set of tickets refers to with a fixed number of queries (states,
 * workflows, users, the creators' depts, plus legacy dept/role/script names only when a ticket needs them), so a
 * page costs the same number of queries whatever its size. Unlike loonflow, a ticket whose state row is gone
 * shows {@code 未知状态} instead of failing the whole call, and a soft-deleted state still shows its name.
 */
@Component
public class TicketViews {

    static final String UNKNOWN_STATE = "未知状态";
    static final String MULTI_ALL_TYPE_NAME = "多人且全部处理";

    private final JdbcClient jdbc;
    private final ParticipantDirectory directory;
    private final ObjectMapper json;
    private final StateRepository stateRows;
    private final WorkflowRepository workflowRows;

    TicketViews(JdbcClient jdbc, ParticipantDirectory directory, ObjectMapper json, StateRepository stateRows,
                WorkflowRepository workflowRows) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.json = json;
        this.stateRows = stateRows;
        this.workflowRows = workflowRows;
    }

    /** Looks up what these tickets refer to; the result renders any of them. */
    public Rendered render(Collection<Ticket> tickets) {
        return new Rendered(tickets);
    }

    /** A list item (§4.1): the ticket dict, then state, participant_info, creator_info and workflow_info. */
    public Map<String, Object> listItem(Ticket ticket) {
        return render(List.of(ticket)).listItem(ticket);
    }

    /** §5.19 participant_info of one ticket: an object, or the error text when a legacy dept/role is unknown. */
    public Object participantInfo(Ticket ticket) {
        return render(List.of(ticket)).participantInfo(ticket);
    }

    /** §5.19 creator_info of one ticket. */
    public Map<String, Object> creatorInfo(Ticket ticket) {
        return render(List.of(ticket)).creatorInfo(ticket);
    }

    /** The lookups for one set of tickets. */
    public final class Rendered {

        private record StateName(String name, JsonNode label) {
        }

        private final Map<Long, StateName> states = new HashMap<>();
        private final Map<Long, String> workflows = new HashMap<>();
        private final Map<String, AccountUser> users = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<Long, Map<String, Object>> depts;
        private final Map<Long, String> deptNames = new HashMap<>();
        private final Map<Long, String> roleNames = new HashMap<>();
        private final Map<Long, String> scriptNames = new HashMap<>();

        private Rendered(Collection<Ticket> tickets) {
            Set<Long> stateIds = new LinkedHashSet<>();
            Set<Long> workflowIds = new LinkedHashSet<>();
            Set<String> usernames = new LinkedHashSet<>();
            Set<Long> legacyDepts = new LinkedHashSet<>();
            Set<Long> legacyRoles = new LinkedHashSet<>();
            Set<Long> scripts = new LinkedHashSet<>();
            for (Ticket t : tickets) {
                stateIds.add(t.stateId());
                workflowIds.add(t.workflowId());
                usernames.add(t.creator());
                switch (t.participantTypeId()) {
                    case Participants.PERSON -> usernames.add(t.participant());
                    case Participants.PEOPLE -> usernames.addAll(List.of(t.participant().split(",", -1)));
                    case Participants.DEPT -> addId(legacyDepts, t.participant());
                    case Participants.ROLE -> addId(legacyRoles, t.participant());
                    case Participants.SCRIPT -> addId(scripts, t.participant());
                    default -> {
                    }
                }
                multiAll(t).fieldNames().forEachRemaining(usernames::add);
            }
            // rows the action has read already (detail: the ticket's state and workflow) need no second look-up
            for (Long id : List.copyOf(stateIds)) {
                stateRows.findKnown(id).ifPresent(state -> {
                    states.put(id, new StateName(state.name(), parse(state.label())));
                    stateIds.remove(id);
                });
            }
            for (Long id : List.copyOf(workflowIds)) {
                workflowRows.findKnown(id).ifPresent(workflow -> {
                    workflows.put(id, workflow.name());
                    workflowIds.remove(id);
                });
            }
            if (!stateIds.isEmpty()) {
                jdbc.sql("SELECT id, name, label FROM workflow_state WHERE id IN (:ids)").param("ids", stateIds)
                        .query((ResultSet rs) -> {
                            states.put(rs.getLong("id"),
                                    new StateName(rs.getString("name"), parse(rs.getString("label"))));
                        });
            }
            if (!workflowIds.isEmpty()) {
                jdbc.sql("SELECT id, name FROM workflow_workflow WHERE id IN (:ids)").param("ids", workflowIds)
                        .query((ResultSet rs) -> {
                            workflows.put(rs.getLong("id"), rs.getString("name"));
                        });
            }
            directory.findUsers(usernames).forEach(u -> users.put(u.username(), u));
            Set<Long> creatorDepts = new LinkedHashSet<>();
            for (Ticket t : tickets) {
                AccountUser creator = users.get(t.creator());
                if (creator != null) {
                    creatorDepts.add(creator.deptId());
                }
            }
            depts = directory.deptDetails(creatorDepts);
            names("SELECT id, name FROM account_loondept WHERE id IN (:ids) AND is_deleted = FALSE", legacyDepts,
                    deptNames);
            names("SELECT id, name FROM account_loonrole WHERE id IN (:ids) AND is_deleted = FALSE", legacyRoles,
                    roleNames);
            names("SELECT id, name FROM workflow_workflowscript WHERE id IN (:ids) AND is_deleted = FALSE", scripts,
                    scriptNames);
        }

        public Map<String, Object> listItem(Ticket t) {
            Map<String, Object> item = TicketDict.of(t);
            item.put("state", state(t));
            item.put("participant_info", participantInfo(t));
            item.put("creator_info", creatorInfo(t));
            item.put("workflow_info", workflowInfo(t));
            return item;
        }

        /** {@code {"state_id", "state_name", "state_label"}} with the label parsed. */
        public Map<String, Object> state(Ticket t) {
            StateName state = states.get(t.stateId());
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("state_id", t.stateId());
            view.put("state_name", state == null ? UNKNOWN_STATE : state.name());
            view.put("state_label", state == null ? JsonNodeFactory.instance.objectNode() : state.label());
            return view;
        }

        public Map<String, Object> workflowInfo(Ticket t) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("workflow_id", t.workflowId());
            view.put("workflow_name", workflows.getOrDefault(t.workflowId(), ""));
            return view;
        }

        /**
         * §5.19: {@code participant, participant_name, participant_type_id, participant_type_name,
         * participant_alias}; for an unknown legacy dept or role the error text replaces the object, as in
         * loonflow's list.
         */
        public Object participantInfo(Ticket t) {
            String participant = t.participant();
            String name = participant;
            String typeName = "";
            String alias = "";
            switch (t.participantTypeId()) {
                case Participants.PERSON -> {
                    typeName = "个人";
                    alias = aliasOr(participant, participant);
                }
                case Participants.PEOPLE -> {
                    typeName = "多人";
                    List<String> aliases = new ArrayList<>();
                    for (String username : participant.split(",", -1)) {
                        aliases.add(aliasOr(username, username));
                    }
                    alias = String.join(",", aliases);
                }
                case Participants.DEPT -> {
                    typeName = "部门";
                    Long id = parseId(participant);
                    if (id == null) {
                        return notAnInt(participant);
                    }
                    if (!deptNames.containsKey(id)) {
                        return "dept_id:" + participant + " is not existed or has been deleted";
                    }
                    name = deptNames.get(id);
                    alias = name;
                }
                case Participants.ROLE -> {
                    typeName = "角色";
                    Long id = parseId(participant);
                    if (id == null) {
                        return notAnInt(participant);
                    }
                    if (!roleNames.containsKey(id)) {
                        return "role is not existed or has been deleted";
                    }
                    name = roleNames.get(id);
                    alias = name;
                }
                case Participants.SCRIPT -> {
                    Long id = parseId(participant);
                    if (id != null && scriptNames.containsKey(id)) {
                        alias = "脚本:" + scriptNames.get(id);
                    }
                }
                default -> {
                }
            }
            ObjectNode multiAll = multiAll(t);
            if (!multiAll.isEmpty()) {
                typeName = MULTI_ALL_TYPE_NAME;
                alias = multiAllProgress(multiAll);
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("participant", participant);
            info.put("participant_name", name);
            info.put("participant_type_id", t.participantTypeId());
            info.put("participant_type_name", typeName);
            info.put("participant_alias", alias);
            return info;
        }

        /** {@code 张三(zhangsan)已处理:同意;李四(lisi)未处理:None} (§5.7), in the object's key order. */
        private String multiAllProgress(ObjectNode multiAll) {
            List<String> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> entries = multiAll.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String username = entry.getKey();
                JsonNode value = entry.getValue();
                JsonNode transitionName = value.isObject() ? value.get("transition_name") : null;
                parts.add(aliasOr(username, username) + "(" + username + ")"
                        + (Values.pythonTruthy(value) ? "已处理:" : "未处理:") + PyText.str(transitionName));
            }
            return String.join(";", parts);
        }

        /** §5.19 creator_info with the creator's dept as the account API shows it. */
        public Map<String, Object> creatorInfo(Ticket t) {
            return creatorInfo(t.creator());
        }

        /** creator_info of a username that was part of the rendered tickets. */
        public Map<String, Object> creatorInfo(String creator) {
            AccountUser user = users.get(creator);
            Map<String, Object> info = new LinkedHashMap<>();
            if (user == null) {
                info.put("username", creator);
                info.put("alias", "");
                info.put("is_active", false);
                info.put("email", "");
                info.put("phone", "");
                info.put("dept_info", Map.of());
                return info;
            }
            info.put("username", user.username());
            info.put("alias", user.alias());
            info.put("is_active", user.active());
            info.put("email", user.email());
            info.put("phone", user.phone());
            Map<String, Object> dept = depts.get(user.deptId());
            if (dept == null) {
                dept = new LinkedHashMap<>();
                dept.put("id", user.deptId());
                dept.put("name", "");
            }
            info.put("dept_info", dept);
            return info;
        }

        private String aliasOr(String username, String fallback) {
            AccountUser user = username.isEmpty() ? null : users.get(username);
            return user == null ? fallback : user.alias();
        }

        private void names(String sql, Set<Long> ids, Map<Long, String> into) {
            if (!ids.isEmpty()) {
                jdbc.sql(sql).param("ids", ids)
                        .query((ResultSet rs) -> {
                            into.put(rs.getLong("id"), rs.getString("name"));
                        });
            }
        }
    }

    /** The ticket's {@code multi_all_person} when it is a non-empty JSON object, else an empty object. */
    private ObjectNode multiAll(Ticket t) {
        JsonNode node = parse(t.multiAllPerson());
        return node.isObject() ? (ObjectNode) node : JsonNodeFactory.instance.objectNode();
    }

    /** Lenient JSON: stored text that is empty or invalid reads as {@code {}} instead of failing the page. */
    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = json.readTree(text);
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.objectNode() : node;
        } catch (java.io.IOException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private static void addId(Set<Long> ids, String text) {
        Long id = parseId(text);
        if (id != null) {
            ids.add(id);
        }
    }

    private static Long parseId(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String notAnInt(String text) {
        return "invalid literal for int() with base 10: '" + text + "'";
    }

    /** Python's {@code str()} and truthiness of JSON values, for the texts loonflow formatted with them. */
    static final class PyText {

        private PyText() {
        }


        static String str(JsonNode value) {
            if (value == null || value.isNull()) {
                return "None";
            }
            if (value.isTextual()) {
                return value.asText();
            }
            if (value.isBoolean()) {
                return value.asBoolean() ? "True" : "False";
            }
            return value.toString();
        }
    }
}
