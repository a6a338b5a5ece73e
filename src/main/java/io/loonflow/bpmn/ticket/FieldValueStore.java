package io.loonflow.bpmn.ticket;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.loonflow.bpmn.api.ApiException;
import io.loonflow.bpmn.api.ApiTime;
import io.loonflow.bpmn.definition.CustomField;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Custom field values of tickets in loonflow's vertical table: one row per (ticket, field), the value in the
 * column of the field's <em>current</em> type; JSON null clears a value (soft-deletes its row).
 */
@Component
public class FieldValueStore {

    private final JdbcClient jdbc;

    FieldValueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the given values for the listed fields; keys that are not among {@code fields} are ignored. All values
     * are converted first, so a bad value stores nothing.
     */
    public void store(long ticketId, List<CustomField> fields, Map<String, JsonNode> values, LocalDateTime now) {
        Map<CustomField, Object> converted = new LinkedHashMap<>();
        for (CustomField field : fields) {
            JsonNode value = values.get(field.fieldKey());
            if (value == null) {
                continue;
            }
            FieldType type = typeOf(field);
            converted.put(field, value.isNull() ? null : FieldValueConverter.convert(field, type, value));
        }
        converted.forEach((field, value) -> write(ticketId, field, value, now));
    }

    /** The current values of every listed field (null when unset), keyed by field key in the fields' order. */
    public Map<String, Object> read(long ticketId, List<CustomField> fields) {
        Map<String, ValueRow> rows = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT * FROM ticket_ticketcustomfield WHERE ticket_id = :ticketId AND is_deleted = FALSE
                ORDER BY id DESC""")
                .param("ticketId", ticketId)
                .query((ResultSet rs) -> {
                    // the lowest id wins when legacy data holds several live rows, as in loonflow
                    rows.put(rs.getString("field_key"), ValueRow.of(rs));
                });
        Map<String, Object> values = new LinkedHashMap<>();
        for (CustomField field : fields) {
            ValueRow row = rows.get(field.fieldKey());
            values.put(field.fieldKey(), row == null ? null : row.value(typeOf(field)));
        }
        return values;
    }

    private void write(long ticketId, CustomField field, Object value, LocalDateTime now) {
        Optional<Long> existing = jdbc.sql("""
                SELECT id FROM ticket_ticketcustomfield WHERE ticket_id = :ticketId AND field_key = :key
                AND is_deleted = FALSE ORDER BY id LIMIT 1""")
                .param("ticketId", ticketId).param("key", field.fieldKey()).query(Long.class).optional();
        if (value == null) {
            existing.ifPresent(id -> jdbc.sql("""
                    UPDATE ticket_ticketcustomfield SET is_deleted = TRUE, gmt_modified = :now WHERE id = :id""")
                    .param("now", Timestamp.valueOf(now)).param("id", id).update());
            return;
        }
        FieldType type = typeOf(field);
        Object jdbcValue = toJdbc(value);
        if (existing.isPresent()) {
            // the column name comes from the FieldType enum, never from input
            jdbc.sql("UPDATE ticket_ticketcustomfield SET " + type.column() + " = :value, gmt_modified = :now WHERE id = :id")
                    .param("value", jdbcValue).param("now", Timestamp.valueOf(now)).param("id", existing.get())
                    .update();
        } else {
            jdbc.sql("INSERT INTO ticket_ticketcustomfield (name, field_key, ticket_id, field_type_id, " + type.column()
                            + ", creator, gmt_created, gmt_modified, is_deleted)"
                            + " VALUES (:name, :key, :ticketId, :typeId, :value, '', :now, :now, FALSE)")
                    .param("name", field.fieldName()).param("key", field.fieldKey()).param("ticketId", ticketId)
                    .param("typeId", type.id()).param("value", jdbcValue)
                    .param("now", Timestamp.valueOf(now)).update();
        }
    }

    private static Object toJdbc(Object value) {
        if (value instanceof LocalDate date) {
            return Date.valueOf(date);
        }
        if (value instanceof LocalDateTime time) {
            return Timestamp.valueOf(time);
        }
        return value;
    }

    static FieldType typeOf(CustomField field) {
        return FieldType.of(field.fieldTypeId()).orElseThrow(() -> new ApiException(
                "field " + field.fieldKey() + " has an unknown field_type_id " + field.fieldTypeId()));
    }

    /** One value row, read column by column so that the field's current type picks the column. */
    private record ValueRow(String charValue, long intValue, double floatValue, boolean boolValue, Date dateValue,
                            Timestamp datetimeValue, String radio, String checkbox, String select, String multiSelect,
                            String text, String username, String multiUsername) {

        static ValueRow of(ResultSet rs) throws SQLException {
            return new ValueRow(rs.getString("char_value"), rs.getLong("int_value"), rs.getDouble("float_value"),
                    rs.getBoolean("bool_value"), rs.getDate("date_value"), rs.getTimestamp("datetime_value"),
                    rs.getString("radio_value"), rs.getString("checkbox_value"), rs.getString("select_value"),
                    rs.getString("multi_select_value"), rs.getString("text_value"), rs.getString("username_value"),
                    rs.getString("multi_username_value"));
        }

        /** The value as loonflow reads it back: dates as text, numbers and booleans as such, the rest as text. */
        Object value(FieldType type) {
            return switch (type) {
                case STRING, ATTACHMENT -> charValue;
                case INTEGER -> intValue;
                case FLOAT -> floatValue;
                case BOOLEAN -> boolValue;
                case DATE -> dateValue == null ? null : dateValue.toLocalDate().toString();
                case DATETIME -> datetimeValue == null ? null : ApiTime.format(datetimeValue.toLocalDateTime());
                case RADIO -> radio;
                case CHECKBOX -> checkbox;
                case SELECT -> select;
                case MULTI_SELECT -> multiSelect;
                case TEXTAREA -> text == null ? "" : text;
                case USERNAME -> username;
                case MULTI_USERNAME -> multiUsername;
            };
        }
    }
}
