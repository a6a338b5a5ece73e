package io.loonflow.bpmn.ticket;

import java.util.Map;

/** One line of a ticket's flow log as written; see {@link FlowLogRepository}. */
public record FlowLogLine(long ticketId, long transitionId, String suggestion, int participantTypeId,
                          String participant, long stateId, int interveneTypeId, String ticketData, String creator) {

    public static final int INTERVENE_NONE = 0;
    public static final int INTERVENE_DELIVER = 1;
    public static final int INTERVENE_ADD_NODE = 2;
    public static final int INTERVENE_ADD_NODE_END = 3;
    public static final int INTERVENE_ACCEPT = 4;
    public static final int INTERVENE_COMMENT = 5;
    public static final int INTERVENE_DELETE = 6;
    public static final int INTERVENE_CLOSE = 7;
    public static final int INTERVENE_ALTER_STATE = 8;
    public static final int INTERVENE_HOOK = 9;
    public static final int INTERVENE_RETREAT = 10;

    /** Display names of the intervention types (spec §5.10.3), shown where a line has no transition. */
    private static final Map<Integer, String> INTERVENTION_NAMES = Map.of(
            INTERVENE_DELIVER, "转交操作",
            INTERVENE_ADD_NODE, "加签操作",
            INTERVENE_ADD_NODE_END, "加签完成操作",
            INTERVENE_ACCEPT, "接单操作",
            INTERVENE_COMMENT, "新增评论",
            INTERVENE_CLOSE, "强制关闭",
            INTERVENE_ALTER_STATE, "强制修改状态",
            INTERVENE_HOOK, "hook操作",
            INTERVENE_RETREAT, "撤回操作");

    /** The name loonflow shows for an intervention type; {@code 未知操作} for others (delete and 0 included). */
    public static String interventionName(int interveneTypeId) {
        return INTERVENTION_NAMES.getOrDefault(interveneTypeId, "未知操作");
    }
}
