package io.loonflow.bpmn.definition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class CustomNoticeRepository {

    private static final String SEARCH = " AND (name LIKE :pattern ESCAPE '!' OR description LIKE :pattern ESCAPE '!')";

    private final JdbcClient jdbc;

    CustomNoticeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CustomNotice> findActive(long id) {
        return jdbc.sql("SELECT * FROM workflow_customnotice WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).query(CustomNoticeRepository::row).optional();
    }

    /** The non-deleted notices among {@code ids}, in id order (the notices a workflow's {@code notices} names). */
    public List<CustomNotice> findActiveByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM workflow_customnotice WHERE id IN (:ids) AND is_deleted = FALSE ORDER BY id")
                .param("ids", ids).query(CustomNoticeRepository::row).list();
    }

    long countActive(String search) {
        return jdbc.sql("SELECT COUNT(*) FROM workflow_customnotice WHERE is_deleted = FALSE"
                        + (search == null ? "" : SEARCH))
                .params(WorkflowSqlLike.params(search)).query(Long.class).single();
    }

    List<CustomNotice> pageActive(String search, int limit, long offset) {
        return jdbc.sql("SELECT * FROM workflow_customnotice WHERE is_deleted = FALSE"
                        + (search == null ? "" : SEARCH) + " ORDER BY id LIMIT :limit OFFSET :offset")
                .params(WorkflowSqlLike.params(search)).param("limit", limit).param("offset", offset)
                .query(CustomNoticeRepository::row).list();
    }

    long insert(String name, String description, String hookUrl, String hookToken, String creator,
                LocalDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO workflow_customnotice (name, description, hook_url, hook_token, creator, gmt_created,
                  gmt_modified, is_deleted)
                VALUES (:name, :description, :url, :token, :creator, :now, :now, FALSE)""")
                .param("name", name).param("description", description).param("url", hookUrl)
                .param("token", hookToken).param("creator", creator).param("now", now)
                .update(keys, "id");
        return WorkflowSqlLike.generatedId(keys);
    }

    boolean update(long id, String name, String description, String hookUrl, String hookToken, LocalDateTime now) {
        return jdbc.sql("""
                UPDATE workflow_customnotice SET name = :name, description = :description, hook_url = :url,
                  hook_token = :token, gmt_modified = :now
                WHERE id = :id AND is_deleted = FALSE""")
                .param("id", id).param("name", name).param("description", description).param("url", hookUrl)
                .param("token", hookToken).param("now", now).update() > 0;
    }

    boolean softDelete(long id, LocalDateTime now) {
        return jdbc.sql("UPDATE workflow_customnotice SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id AND is_deleted = FALSE")
                .param("id", id).param("now", now).update() > 0;
    }

    private static CustomNotice row(ResultSet rs, int n) throws SQLException {
        return new CustomNotice(rs.getLong("id"), DefinitionRows.text(rs, "name"), rs.getString("description"),
                rs.getString("hook_url"), rs.getString("hook_token"), DefinitionRows.text(rs, "creator"),
                DefinitionRows.time(rs, "gmt_created"), DefinitionRows.time(rs, "gmt_modified"),
                rs.getBoolean("is_deleted"));
    }
}
