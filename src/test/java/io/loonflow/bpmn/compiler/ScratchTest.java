package io.loonflow.bpmn.compiler;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void print() {
        WorkflowDraft d = new WorkflowDraft(7, "请假")
                .start(1, "发起人-编辑中").normal(2, "tl审批中").hook(3, "hook", true).script(5, "脚本").end(4, "结束")
                .transition(1, "提交", 1, 2).transition(2, "同意", 2, 3).transition(3, "拒绝", 2, 1)
                .conditional(4, "条件", 3, 4, "[{\"expression\": \"{days} > 3\", \"target_state_id\": 5}]")
                .timer(6, "超时", 2, 4, 3600).transition(7, "完成", 5, 4).timer(8, "回调超时", 3, 1, 60);
        Compilation c = d.compile();
        System.out.println(c.warnings());
        System.out.println(c.xml());
    }
}
