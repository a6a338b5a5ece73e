package io.loonflow.bpmn.definition;

import java.time.LocalDateTime;

/** A row of {@code workflow_customnotice}: a hook that receives ticket notifications, signed with the token. */
public record CustomNotice(long id, String name, String description, String hookUrl, String hookToken,
                           String creator, LocalDateTime gmtCreated, LocalDateTime gmtModified, boolean deleted) {
}
