package io.loonflow.bpmn.ticket.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Shared fixtures: a fixed clock (local time 2024-03-15 10:30:45.123456 in Asia/Shanghai) and tables of
 * {@code expression  =>  expected} lines, where expected is Python's {@code repr} of the result or {@code !} followed
 * by a part of the error message. The repr tables were taken from CPython 3.11 evaluating the same text.
 */
final class PythonCases {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-15T02:30:45.123456Z"), ZoneId.of("Asia/Shanghai"));
    static final ConditionEvaluator EVALUATOR = new ConditionEvaluator(CLOCK);

    private PythonCases() {
    }

    static Stream<Arguments> table(String text) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> !line.isBlank())
                .map(line -> {
                    int at = line.lastIndexOf("  =>  ");
                    return Arguments.of(line.substring(0, at).strip(), line.substring(at + 6).strip());
                });
    }

    static String repr(String expression, Map<String, ?> values) {
        return Py.repr(EVALUATOR.evaluate(expression, values));
    }

    static String repr(String expression) {
        return repr(expression, Map.of());
    }

    static void verify(String expression, String expected) {
        verify(expression, expected, Map.of());
    }

    static void verify(String expression, String expected, Map<String, ?> values) {
        if (expected.startsWith("!")) {
            assertThatThrownBy(() -> EVALUATOR.evaluate(expression, values))
                    .isInstanceOf(ConditionException.class)
                    .hasMessageContaining(expected.substring(1));
        } else {
            assertThat(repr(expression, values)).as(expression).isEqualTo(expected);
        }
    }

    /** The message of the ConditionException the expression raises (parsing or evaluating). */
    static String error(String expression, Map<String, ?> values) {
        try {
            EVALUATOR.evaluate(expression, values);
        } catch (ConditionException e) {
            return e.getMessage();
        }
        throw new AssertionError("no ConditionException for: " + expression);
    }

    static String error(String expression) {
        return error(expression, Map.of());
    }
}
