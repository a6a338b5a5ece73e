package io.loonflow.bpmn.ticket;

import java.util.Arrays;
import java.util.Optional;

/** loonflow's 15 custom field types and the value column each one is stored in. */
public enum FieldType {
    STRING(5, "char_value"),
    INTEGER(10, "int_value"),
    FLOAT(15, "float_value"),
    BOOLEAN(20, "bool_value"),
    DATE(25, "date_value"),
    DATETIME(30, "datetime_value"),
    RADIO(35, "radio_value"),
    CHECKBOX(40, "checkbox_value"),
    SELECT(45, "select_value"),
    MULTI_SELECT(50, "multi_select_value"),
    TEXTAREA(55, "text_value"),
    USERNAME(60, "username_value"),
    MULTI_USERNAME(70, "multi_username_value"),
    ATTACHMENT(80, "char_value");

    private final int id;
    private final String column;

    FieldType(int id, String column) {
        this.id = id;
        this.column = column;
    }

    public int id() {
        return id;
    }

    /** The {@code ticket_ticketcustomfield} column holding values of this type (a fixed identifier, never input). */
    public String column() {
        return column;
    }

    public boolean hasChoices() {
        return this == RADIO || this == CHECKBOX || this == SELECT || this == MULTI_SELECT;
    }

    public boolean isList() {
        return this == CHECKBOX || this == MULTI_SELECT || this == MULTI_USERNAME || this == ATTACHMENT;
    }

    public static Optional<FieldType> of(int id) {
        return Arrays.stream(values()).filter(t -> t.id == id).findFirst();
    }
}
