package io.loonflow.bpmn.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

/**
 * A state's {@code participant_info} (spec §2.9). Unlike loonflow, a participant that names nothing readable
 * (empty or non-numeric dept/role id, deleted script) gives the alias {@code 未知} instead of putting an error
 * text where the object belongs; hook secrets are masked.
 */
@Component
class ParticipantFormatter {

    static final String UNKNOWN = "未知";

    private final ParticipantNames directory;

    ParticipantFormatter(ParticipantNames directory) {
        this.directory = directory;
    }

    Map<String, Object> info(int participantTypeId, String storedParticipant) {
        String participant = ParticipantSecrets.mask(participantTypeId, storedParticipant);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("participant", participant);
        info.put("participant_name", participant);
        info.put("participant_type_id", participantTypeId);
        info.put("participant_type_name", typeName(participantTypeId));
        info.put("participant_alias", alias(participantTypeId, storedParticipant, participant));
        return info;
    }

    static String typeName(int participantTypeId) {
        switch (participantTypeId) {
            case ParticipantTypes.PERSONAL:
                return "个人";
            case ParticipantTypes.MULTI:
                return "多人";
            case ParticipantTypes.DEPT:
                return "部门";
            case ParticipantTypes.ROLE:
                return "角色";
            case ParticipantTypes.VARIABLE:
                return "变量";
            case ParticipantTypes.HOOK:
                return "hook";
            default:
                return ""; // loonflow names neither script (6), field (7, 8) nor none (0)
        }
    }

    private String alias(int participantTypeId, String stored, String masked) {
        String participant = stored == null ? "" : stored;
        switch (participantTypeId) {
            case ParticipantTypes.PERSONAL:
                return directory.userAlias(participant).orElse(participant);
            case ParticipantTypes.MULTI:
                return joinEach(participant, name -> directory.userAlias(name).orElse(name));
            case ParticipantTypes.DEPT:
                return joinEach(participant, id -> byId(id, directory::deptName));
            case ParticipantTypes.ROLE:
                return byId(participant.trim(), directory::roleName);
            case ParticipantTypes.VARIABLE:
                return joinEach(participant, ParticipantFormatter::variableAlias);
            case ParticipantTypes.SCRIPT:
                return byId(participant.trim(), directory::scriptName);
            case ParticipantTypes.HOOK:
                return masked;
            default:
                return "";
        }
    }

    static String variableAlias(String variable) {
        switch (variable) {
            case ParticipantTypes.VARIABLE_CREATOR:
                return "工单创建人";
            case ParticipantTypes.VARIABLE_CREATOR_TL:
                return "工单创建人tl";
            default:
                return UNKNOWN;
        }
    }

    private static String byId(String id, LongFunction<Optional<String>> lookup) {
        if (id.isEmpty() || !id.chars().allMatch(Character::isDigit) || id.length() > 18) {
            return UNKNOWN;
        }
        return lookup.apply(Long.parseLong(id)).orElse(UNKNOWN);
    }

    private static String joinEach(String commaList, UnaryOperator<String> each) {
        if (commaList.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String part : commaList.split(",", -1)) {
            parts.add(each.apply(part.trim()));
        }
        return String.join(",", parts);
    }
}
