package io.loonflow.bpmn.ticket.expression;

import static io.loonflow.bpmn.ticket.expression.PythonCases.EVALUATOR;
import static io.loonflow.bpmn.ticket.expression.PythonCases.error;
import static io.loonflow.bpmn.ticket.expression.PythonCases.repr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public API: loonflow's documented examples, placeholder binding, injection attempts and check(). */
class ConditionEvaluatorTest {

    private static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            map.put((String) keysAndValues[k], keysAndValues[k + 1]);
        }
        return map;
    }

    @Test
    void loonflowManualExampleSelectsTheFirstMatchingRange() {
        // manual: [{"expression": " {days} > 3 and {days} <= 10", ...}, {"expression": " {days} >10", ...}]
        String first = " {days} > 3 and {days} <= 10";
        String second = " {days} >10";
        assertThat(EVALUATOR.matches(first, Map.of("days", 2))).isFalse();
        assertThat(EVALUATOR.matches(second, Map.of("days", 2))).isFalse();
        assertThat(EVALUATOR.matches(first, Map.of("days", 5))).isTrue();
        assertThat(EVALUATOR.matches(first, Map.of("days", 11))).isFalse();
        assertThat(EVALUATOR.matches(second, Map.of("days", 11))).isTrue();
        assertThat(EVALUATOR.matches("{days} > 3", Map.of("days", 3.5))).isTrue();
    }

    @Test
    void loonflowStyleComparisonsOfStringsListsAndNone() {
        assertThat(EVALUATOR.matches("{reason} == 'x'", Map.of("reason", "x"))).isTrue();
        assertThat(EVALUATOR.matches("{reason} == 'x'", Map.of("reason", "y"))).isFalse();
        assertThat(EVALUATOR.matches("{reason} != \"x\"", Map.of("reason", "y"))).isTrue();
        assertThat(EVALUATOR.matches("{a} in ['x', 'y']", Map.of("a", "y"))).isTrue();
        assertThat(EVALUATOR.matches("{a} not in ('x', 'y')", Map.of("a", "z"))).isTrue();
        assertThat(EVALUATOR.matches("{v} is None", values("v", null))).isTrue();
        assertThat(EVALUATOR.matches("{v} is None", values("v", 0))).isFalse();
        assertThat(EVALUATOR.matches("{approved} == True and {level} >= 2",
                Map.of("approved", true, "level", 2L))).isTrue();
        assertThat(EVALUATOR.matches("{reason} == '''x'''", Map.of("reason", "x"))).isTrue();
        assertThat(EVALUATOR.matches("'ok' in {tags}", Map.of("tags", List.of("ok", "later")))).isTrue();
    }

    @Test
    void aNumericStringDoesNotCompareWithANumberAsInLoonflow() {
        // loonflow pasted strings as '''5''', so '''5''' > 3 raised TypeError too
        assertThat(error("{days} > 3", Map.of("days", "5"))).isEqualTo(
                "condition expression failed: '>' not supported between instances of 'str' and 'int'");
        assertThat(EVALUATOR.matches("int({days}) > 3", Map.of("days", "5"))).isTrue();
        assertThat(EVALUATOR.matches("{days} == 5", Map.of("days", "5"))).isFalse();
    }

    @Test
    void javaValuesBindAsTypedPythonValues() {
        Map<String, Object> v = values("i", 7, "l", 8L, "s", (short) 9, "d", 1.5, "f", 2.5f, "b", new BigDecimal("0.25"),
                "t", true, "str", "text", "n", null, "list", List.of(1, "a", List.of()), "map", Map.of("k", 1),
                "day", LocalDate.of(2024, 2, 29), "at", LocalDateTime.of(2024, 2, 29, 23, 59, 58), "c", 'c');
        assertThat(repr("[{i}, {l}, {s}, {d}, {f}, {b}, {t}, {str}, {n}, {c}]", v))
                .isEqualTo("[7, 8, 9, 1.5, 2.5, 0.25, True, 'text', None, 'c']");
        assertThat(repr("{list}", v)).isEqualTo("[1, 'a', []]");
        assertThat(repr("{map}", v)).isEqualTo("{'k': 1}");
        assertThat(repr("{day}", v)).isEqualTo("datetime.date(2024, 2, 29)");
        assertThat(repr("{at}", v)).isEqualTo("datetime.datetime(2024, 2, 29, 23, 59, 58)");
        assertThat(repr("{i} + {l} + {t}", v)).isEqualTo("16");
    }

    @Test
    void valuesOfOtherJavaTypesAreRejectedNamingTheKey() {
        assertThat(error("{x} == 1", Map.of("x", new Object())))
                .isEqualTo("the value of {x} has a type a condition expression cannot use (Object)");
        assertThat(error("{x} == 1", Map.of("x", List.of(new java.util.Date()))))
                .isEqualTo("the value of {x} has a type a condition expression cannot use (Date)");
    }

    @Test
    void placeholderKeysMayHaveDotsDigitsAndNonAsciiLetters() {
        assertThat(EVALUATOR.matches("{state.state_name} == '审批中'", Map.of("state.state_name", "审批中"))).isTrue();
        assertThat(EVALUATOR.matches("{participant_info.participant_name} == 'admin'",
                Map.of("participant_info.participant_name", "admin"))).isTrue();
        assertThat(EVALUATOR.matches("{天数} > 1 and {field_2} == 2", Map.of("天数", 2, "field_2", 2))).isTrue();
    }

    @Test
    void aMissingPlaceholderFailsNamingTheKeyEvenWhereItWouldNotBeEvaluated() {
        // loonflow formatted the whole text first, so a missing key failed before evaluation
        assertThat(error("{days} > 3", Map.of()))
                .isEqualTo("no value for placeholder {days} in the condition expression");
        assertThat(error("True or {missing} == 1", Map.of()))
                .isEqualTo("no value for placeholder {missing} in the condition expression");
        assertThat(error("{days} > 3", null)).isEqualTo("no value for placeholder {days} in the condition expression");
        assertThat(EVALUATOR.matches("{present} is None", values("present", null))).isTrue();
    }

    @Test
    void valuesAreNeverReadAsExpressionText() {
        // with loonflow's substitution these values would have changed the expression's logic or run code
        String[] attacks = {
            "x' or '1'=='1",
            "x''' or True or '''",
            "x\"\"\" or True or \"\"\"",
            "''' + __import__('os').system('echo pwned') + '''",
            "{other}",
            "x' == 'x' or '",
            "\\' or 1 or \\'",
        };
        for (String value : attacks) {
            Map<String, Object> v = values("reason", value, "other", "x");
            assertThat(EVALUATOR.matches("{reason} == 'x'", v)).as(value).isFalse();
            assertThat(repr("{reason}", v)).as(value).isEqualTo(Py.stringRepr(value));
            assertThat(repr("len({reason})", v)).as(value).isEqualTo(String.valueOf(value.length()));
        }
        // a value that looks like a placeholder is not substituted again
        assertThat(EVALUATOR.matches("{a} == '{{b}}'", Map.of("a", "{b}"))).isTrue();
        // backslashes stay as they are (loonflow's literal would have read \n as a newline)
        assertThat(repr("len({p})", Map.of("p", "a\\nb"))).isEqualTo("4");
    }

    @Test
    void doubledBracesAreLiteralBraces() {
        assertThat(repr("'{{x}}'")).isEqualTo("'{x}'");
        assertThat(repr("'}}' + {v} + '{{'", Map.of("v", "-"))).isEqualTo("'}-{'");
        assertThat(error("{{'a': 1}}")).startsWith("not allowed in a condition expression: dict or set display");
        assertThat(error("'{days}' == '5'", Map.of("days", 5))).isEqualTo("invalid condition expression: placeholder"
                + " {days} inside a string literal (write it outside the quotes: placeholders are bound as typed values,"
                + " not pasted as text) at character 2");
        assertThat(error("'{'")).isEqualTo("invalid condition expression: '{' without a closing '}' (write '{{' for a"
                + " literal brace) at character 2");
        assertThat(error("'}'")).isEqualTo("invalid condition expression: single '}' (write '}}' for a literal brace)"
                + " at character 2");
    }

    @Test
    void theSamePlaceholderIsBoundOnce() {
        Map<String, Object> v = values("list", new java.util.ArrayList<>(List.of(1)));
        assertThat(repr("{list} is {list}", v)).isEqualTo("True");
    }

    @Test
    void checkValidatesWithoutValuesOrEvaluation() {
        assertThatCode(() -> EVALUATOR.check("{days} > 3 and {missing} == 'x'")).doesNotThrowAnyException();
        assertThatCode(() -> EVALUATOR.check("1 / 0")).doesNotThrowAnyException();
        assertThatCode(() -> EVALUATOR.check("datetime.datetime.strptime({d}, '%Y-%m-%d %H:%M:%S')"
                + " > datetime.datetime.now() - datetime.timedelta(hours=1)")).doesNotThrowAnyException();
        assertThatThrownBy(() -> EVALUATOR.check("{days} ≤ 10")).isInstanceOf(ConditionException.class)
                .hasMessage("invalid condition expression: invalid character '≤' (use <=) at character 8");
        assertThatThrownBy(() -> EVALUATOR.check("open('/etc/passwd')"))
                .hasMessage("not allowed in a condition expression: name 'open'");
        assertThatThrownBy(() -> EVALUATOR.check("{days:>3} == ' 5'")).hasMessage("invalid condition expression:"
                + " format specifications in placeholders are not supported: {days:>3} at character 1");
        assertThatThrownBy(() -> EVALUATOR.check("")).hasMessage("the condition expression is empty");
        assertThatThrownBy(() -> EVALUATOR.check("  \n ")).hasMessage("the condition expression is empty");
        assertThatThrownBy(() -> EVALUATOR.check(null)).hasMessage("the condition expression is empty");
        assertThatThrownBy(() -> EVALUATOR.matches("", Map.of())).hasMessage("the condition expression is empty");
    }

    @Test
    void anyValueIsAConditionByItsTruthiness() {
        assertThat(EVALUATOR.matches("{reason}", Map.of("reason", "x"))).isTrue();
        assertThat(EVALUATOR.matches("{reason}", Map.of("reason", ""))).isFalse();
        assertThat(EVALUATOR.matches("{a}, {b}", Map.of("a", 0, "b", 0))).isTrue(); // a tuple, as eval("0, 0")
        assertThat(EVALUATOR.matches("{n} % 2", Map.of("n", 4))).isFalse();
    }

    @Test
    void theClockIsRequired() {
        assertThatThrownBy(() -> new ConditionEvaluator(null)).isInstanceOf(NullPointerException.class);
    }
}
