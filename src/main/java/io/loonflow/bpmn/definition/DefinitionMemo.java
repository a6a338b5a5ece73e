package io.loonflow.bpmn.definition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.loonflow.bpmn.config.TransactionScoped;

/**
 * Answers repeated reads of the same definition row (workflow, state, transition, custom fields) from memory for the
 * rest of one transaction. A ticket action reads its workflow, states and fields several times (the service, the
 * engine's listeners, the notice and parent checks); it never edits them. Only transactions that {@link #open()} it
 * use it, so the admin API, which writes definitions and reads them back, always reads the tables.
 */
public final class DefinitionMemo {

    private static final Object KEY = new Object();

    private DefinitionMemo() {
    }

    /** Starts memoising definition reads until the current transaction ends; outside a transaction a no-op. */
    public static void open() {
        TransactionScoped.get(KEY, HashMap::new);
    }

    /** Whether the current transaction memoises definition reads. */
    static boolean isOpen() {
        return TransactionScoped.peek(KEY) != null;
    }

    /** What this transaction's memo holds as {@code kind}/{@code id}, or null (never loads). */
    @SuppressWarnings("unchecked")
    static <T> T known(String kind, long id) {
        Map<String, Object> memo = TransactionScoped.peek(KEY);
        return memo == null ? null : (T) memo.get(kind + ':' + id);
    }

    /** Keeps {@code value} as {@code kind}/{@code id} when memoising and nothing is kept yet (a row read in a list). */
    static void remember(String kind, long id, Object value) {
        Map<String, Object> memo = TransactionScoped.peek(KEY);
        if (memo != null) {
            memo.putIfAbsent(kind + ':' + id, value);
        }
    }

    /** The memoised value of {@code kind}/{@code id}, loaded once; lists are kept unmodifiable (they are shared). */
    @SuppressWarnings("unchecked")
    static <T> T get(String kind, long id, Supplier<T> loader) {
        Map<String, Object> memo = TransactionScoped.peek(KEY);
        if (memo == null) {
            return loader.get();
        }
        String key = kind + ':' + id;
        Object value = memo.get(key);
        if (value == null) {
            value = loader.get();
            if (value instanceof List<?> list) {
                value = List.copyOf(list);
            }
            memo.put(key, value);
        }
        return (T) value;
    }
}
