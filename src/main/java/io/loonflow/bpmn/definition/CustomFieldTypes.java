package io.loonflow.bpmn.definition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** loonflow's custom field types (spec §10.6): id → name. The id decides the ticket value column. */
public final class CustomFieldTypes {

    public static final int STRING = 5;
    public static final int INTEGER = 10;
    public static final int FLOAT = 15;
    public static final int BOOLEAN = 20;
    public static final int DATE = 25;
    public static final int DATETIME = 30;
    public static final int RADIO = 35;
    public static final int CHECKBOX = 40;
    public static final int SELECT = 45;
    public static final int MULTI_SELECT = 50;
    public static final int TEXTAREA = 55;
    public static final int USERNAME = 60;
    public static final int MULTI_USERNAME = 70;
    public static final int ATTACHMENT = 80;

    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(STRING, "string");
        NAMES.put(INTEGER, "integer");
        NAMES.put(FLOAT, "float");
        NAMES.put(BOOLEAN, "boolean");
        NAMES.put(DATE, "date");
        NAMES.put(DATETIME, "datetime");
        NAMES.put(RADIO, "radio");
        NAMES.put(CHECKBOX, "checkbox");
        NAMES.put(SELECT, "select");
        NAMES.put(MULTI_SELECT, "multi-select");
        NAMES.put(TEXTAREA, "textarea");
        NAMES.put(USERNAME, "username");
        NAMES.put(MULTI_USERNAME, "multi-username");
        NAMES.put(ATTACHMENT, "attachment");
    }

    /** Types whose values are keys of {@code field_choice}. */
    private static final Set<Integer> CHOICE = Set.of(RADIO, CHECKBOX, SELECT, MULTI_SELECT);
    /** Choice types storing several keys comma-joined. */
    private static final Set<Integer> MULTI_CHOICE = Set.of(CHECKBOX, MULTI_SELECT);

    private CustomFieldTypes() {
    }

    public static boolean isKnown(long id) {
        return id >= Integer.MIN_VALUE && id <= Integer.MAX_VALUE && NAMES.containsKey((int) id);
    }

    public static boolean hasChoices(int id) {
        return CHOICE.contains(id);
    }

    public static boolean isMultiChoice(int id) {
        return MULTI_CHOICE.contains(id);
    }

    public static Map<Integer, String> all() {
        return java.util.Collections.unmodifiableMap(NAMES);
    }
}
