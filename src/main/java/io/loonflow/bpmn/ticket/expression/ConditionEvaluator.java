package io.loonflow.bpmn.ticket.expression;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates loonflow transition condition expressions ({@code {days} > 3 and {reason} == 'x'}) safely.
 *
 * <p>loonflow pasted each value's Python text into the expression and ran {@code eval}. Here the expression is
 * parsed into a tree of whitelisted node kinds (literals, operators, a fixed list of {@code datetime}/{@code time}
 * functions and value methods) and each {@code {key}} placeholder is bound to its value as a typed node, so neither
 * the expression nor the values can run code, reflect or load classes. Python's semantics are kept for the subset:
 * comparisons and their chaining, truthiness, {@code and}/{@code or} yielding operands, int/float arithmetic, string
 * and list operations, date arithmetic. Work is bounded by {@link #MAX_LENGTH}, a nesting limit and limits on the
 * size of computed numbers, strings and lists.
 *
 * <p>Thread-safe; {@code now()}, {@code today()} and {@code time.time()} read the injected clock.
 */
public final class ConditionEvaluator {

    /** Longest accepted expression (loonflow's condition_expression column is varchar(1000)). */
    public static final int MAX_LENGTH = 1000;

    private final Clock clock;

    public ConditionEvaluator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Evaluates {@code expression} with {@code values} bound to its placeholders and answers its Python truthiness.
     * Values may be String, Integer/Long, Double, Boolean, null, List, Map, LocalDate or LocalDateTime.
     *
     * @throws ConditionException if the expression is invalid or not allowed, a placeholder has no entry in
     *     {@code values} (checked before evaluating, as loonflow's formatting did), or evaluation fails
     */
    public boolean matches(String expression, Map<String, ?> values) {
        return Py.truthy(evaluate(expression, values));
    }

    /**
     * Validates an expression without values (for the admin API): syntax, the whitelist, placeholder form, call
     * arities and the size limits.
     *
     * @throws ConditionException with a message saying what is wrong
     */
    public void check(String expression) {
        compile(expression);
    }

    /** The expression's Python value (package-private: tests check values, callers need only truthiness). */
    Object evaluate(String expression, Map<String, ?> values) {
        Parser.Compiled compiled = compile(expression);
        Map<String, ?> given = values == null ? Map.of() : values;
        for (String key : compiled.placeholders) {
            if (!given.containsKey(key)) {
                throw new ConditionException("no value for placeholder {" + key + "} in the condition expression");
            }
        }
        try {
            return Budget.run(() -> compiled.root.eval(new Node.Context(given, clock)));
        } catch (ConditionException e) {
            throw e;
        } catch (RuntimeException e) {
            // not expected: every failure should already be a ConditionException; still answer the client cleanly
            throw ConditionException.failed("the expression could not be evaluated (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static Parser.Compiled compile(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ConditionException("the condition expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw ConditionException.limit("the expression has " + expression.length() + " characters (at most "
                    + MAX_LENGTH + ")");
        }
        return Parser.parse(expression);
    }
}
