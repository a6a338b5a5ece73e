package io.loonflow.bpmn.ticket.expression;

import static io.loonflow.bpmn.ticket.expression.PythonCases.EVALUATOR;
import static io.loonflow.bpmn.ticket.expression.PythonCases.error;
import static io.loonflow.bpmn.ticket.expression.PythonCases.repr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Everything outside the subset is rejected before it runs, and no expression can take unbounded work. */
class ExpressionSafetyTest {

    /** Python would accept all of these; we reject them when parsing (so check() catches them too). */
    static Stream<Arguments> forbidden() {
        return PythonCases.table("""
            __import__('os')  =>  name '__import__'
            __import__('os').system('id')  =>  name '__import__'
            ().__class__  =>  attribute '__class__'
            ().__class__.__bases__[0].__subclasses__()  =>  attribute '__class__'
            1 .__class__  =>  attribute '__class__'
            {x}.__class__  =>  attribute '__class__'
            {x}.__dict__  =>  attribute '__dict__'
            open('x')  =>  name 'open'
            exec('1')  =>  name 'exec'
            eval('1')  =>  name 'eval'
            compile('1', 'x', 'eval')  =>  name 'compile'
            getattr(1, 'real')  =>  name 'getattr'
            globals()  =>  name 'globals'
            locals()['x']  =>  name 'locals'
            vars()  =>  name 'vars'
            type(1)  =>  name 'type'
            print(1)  =>  name 'print'
            os.system('id')  =>  name 'os'
            x  =>  name 'x'
            _private  =>  name '_private'
            lambda: 1  =>  'lambda'
            (lambda x: x)(1)  =>  'lambda'
            [1 for _ in ()]  =>  comprehension or generator expression ('for')
            (1 for _ in ())  =>  comprehension or generator expression ('for')
            len(1 for _ in ())  =>  comprehension or generator expression ('for')
            datetime.sys  =>  'datetime.sys'
            datetime.os.system('id')  =>  'datetime.os'
            time.sleep(100)  =>  'time.sleep'
            datetime.datetime.now().__class__  =>  attribute '__class__'
            datetime.datetime.__subclasses__()  =>  attribute '__subclasses__'
            datetime.datetime.now.__globals__  =>  function 'datetime.datetime.now' used without calling it
            datetime.timedelta.max  =>  function 'datetime.timedelta' used without calling it
            datetime  =>  module 'datetime' used as a value
            time  =>  module 'time' used as a value
            datetime.datetime  =>  function 'datetime.datetime' used without calling it
            len  =>  function 'len' used without calling it
            [len][0]('x')  =>  function 'len' used without calling it
            'abc'.format(1)  =>  method 'format'
            'abc'.join([])  =>  method 'join'
            'abc'.encode  =>  attribute 'encode'
            (1).real  =>  attribute 'real'
            True.real  =>  attribute 'real'
            {x}()  =>  calling the result of an expression
            len('a')()  =>  calling the result of an expression
            {x} = 1  =>  assignment ('=')
            {x} += 1  =>  assignment ('+=')
            ({x} := 1)  =>  assignment expression (':=')
            import os  =>  'import'
            del x  =>  'del'
            yield 1  =>  'yield'
            await x  =>  'await'
            f'{{1}}'  =>  f-string
            b'x'  =>  bytes literal
            {{'a': 1}}  =>  dict or set display
            {{1}}  =>  dict or set display
            [1][0:1]  =>  slice
            'abc'[:1]  =>  slice
            [1][0, 1]  =>  subscript with several indexes
            *[1]  =>  starred expression
            [*[1]]  =>  starred expression
            len(*[1])  =>  argument unpacking ('*')
            datetime.timedelta(**{x})  =>  argument unpacking ('**')
            ...  =>  Ellipsis ('...')
            1 | 2  =>  operator '|'
            1 & 2  =>  operator '&'
            1 ^ 2  =>  operator '^'
            1 << 2  =>  operator '<<'
            ~1  =>  operator '~'
            1 @ 2  =>  operator '@'
            """);
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @MethodSource
    void forbidden(String expression, String what) {
        String message = "not allowed in a condition expression: " + what;
        assertThatThrownBy(() -> EVALUATOR.check(expression)).isInstanceOf(ConditionException.class)
                .hasMessageStartingWith(message);
        assertThatThrownBy(() -> EVALUATOR.matches(expression, Map.of("x", List.of())))
                .isInstanceOf(ConditionException.class).hasMessageStartingWith(message);
    }

    @Test
    void percentFormattingOfStringsIsRejectedWhenEvaluated() {
        assertThat(error("'%s' % {x}", Map.of("x", 1)))
                .isEqualTo("not allowed in a condition expression: string formatting with '%'");
        assertThat(repr("{x} % 3", Map.of("x", 7))).isEqualTo("1");
    }

    static Stream<Arguments> syntaxErrors() {
        return PythonCases.table("""
            1 +  =>  unexpected end of expression at character 4
            ({days} > 3  =>  unexpected end of expression (expected ')') at character 12
            {days} > 3)  =>  unexpected ')' at character 11
            [1, 2  =>  unexpected end of expression (expected ']') at character 6
            1 2  =>  unexpected '2' at character 3
            {a} {b}  =>  unexpected placeholder {b} at character 5
            1 ; 2  =>  unexpected ';' at character 3
            'abc  =>  unterminated string literal at character 1
            '''abc  =>  unterminated triple-quoted string literal at character 1
            012  =>  leading zeros in decimal integer literals are not permitted (use 0o for octal) at character 1
            1__0  =>  invalid number literal '1__0' at character 1
            1abc  =>  invalid number literal '1a' at character 1
            1.5j  =>  complex numbers are not supported at character 1
            '\\x4'  =>  truncated \\xXX escape at character 2
            u'x' r'\\n' U'y'  =>  !
            1 if 1  =>  unexpected end of expression (expected 'else') at character 7
            1 <> 2  =>  unexpected '>' at character 4
            {days} ≤ 10  =>  invalid character '≤' (use <=) at character 8
            {days} ≥ 10  =>  invalid character '≥' (use >=) at character 8
            1 $ 2  =>  invalid character '$' at character 3
            {days:>3}  =>  format specifications in placeholders are not supported: {days:>3} at character 1
            {days!r}  =>  conversions in placeholders are not supported: {days!r} at character 1
            {days[0]}  =>  indexing inside placeholders is not supported: {days[0]} (index the value instead, e.g. {key}[0]) at character 1
            {}  =>  empty placeholder {} (name a field, e.g. {days}) at character 1
            {a b}  =>  invalid placeholder {a b} (a field key is letters, digits and underscores, optionally joined by dots) at character 1
            {a..b}  =>  invalid placeholder {a..b}
            {days  =>  '{' without a closing '}' (write '{{' for a literal brace) at character 1
            days}  =>  single '}' (write '}}' for a literal brace) at character 5
            len(x=1)  =>  len() takes no keyword arguments at character 1
            """);
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @MethodSource
    void syntaxErrors(String expression, String detail) {
        if (detail.equals("!")) {
            assertThatCode(() -> EVALUATOR.check(expression)).doesNotThrowAnyException();
            return;
        }
        assertThatThrownBy(() -> EVALUATOR.check(expression)).isInstanceOf(ConditionException.class)
                .hasMessageStartingWith("invalid condition expression: " + detail);
    }

    @Test
    void expressionsLongerThanTheColumnAreRejected() {
        String longest = "1" + "+1".repeat(499) + " ";
        assertThat(longest).hasSize(ConditionEvaluator.MAX_LENGTH);
        assertThat(repr(longest)).isEqualTo("500");
        assertThatThrownBy(() -> EVALUATOR.check(longest + " ")).hasMessage(
                "condition expression exceeds a limit: the expression has 1001 characters (at most 1000)");
    }

    @Test
    void nestingIsLimited() {
        String fifty = "(".repeat(49) + "[1]" + ")".repeat(49);
        assertThat(repr(fifty)).isEqualTo("[1]");
        String limitMessage = "condition expression exceeds a limit: the expression is nested more than 50 levels deep";
        assertThatThrownBy(() -> EVALUATOR.check("(".repeat(50) + "[1]" + ")".repeat(50))).hasMessage(limitMessage);
        assertThatThrownBy(() -> EVALUATOR.check("not ".repeat(51) + "1")).hasMessage(limitMessage);
        assertThatThrownBy(() -> EVALUATOR.check("-".repeat(51) + "1")).hasMessage(limitMessage);
        assertThatThrownBy(() -> EVALUATOR.check("2" + "**2".repeat(51))).hasMessage(limitMessage);
        assertThatThrownBy(() -> EVALUATOR.check("len(".repeat(51) + "1" + ")".repeat(51))).hasMessage(limitMessage);
        assertThatThrownBy(() -> EVALUATOR.check("1 if 1 else ".repeat(51) + "1")).hasMessage(limitMessage);
        assertThat(repr("not ".repeat(50) + "1")).isEqualTo("True");
        // long flat chains are loops, not deep recursion
        assertThat(repr("1" + " and 1".repeat(140))).isEqualTo("1");
        assertThat(repr("1" + " < 2".repeat(240))).isEqualTo("False");
    }

    @Test
    void bigNumbersAreLimited() {
        assertThat(error("2 ** 10001")).isEqualTo(
                "condition expression exceeds a limit: the exponent of ** is larger than 10000");
        assertThat(error("10 ** 5000")).isEqualTo(
                "condition expression exceeds a limit: an integer result would have more than 10000 bits");
        assertThat(error("(10 ** 2000) * (10 ** 2000)")).isEqualTo(
                "condition expression exceeds a limit: an integer result would have more than 10000 bits");
        assertThat(error("int('9' * 5000)")).contains("more than 4300 digits");
        assertThat(error("int({v})", Map.of("v", "1_2".repeat(20000)))).contains("more than 4300 digits");
        assertThat(repr("float({v})", Map.of("v", "1_2".repeat(20000) + ".5e1_0"))).isEqualTo("inf"); // as Python
        assertThat(repr("1 ** (10 ** 100) + (-1) ** (10 ** 100 + 1) + 0 ** (10 ** 100)")).isEqualTo("0");
        assertThat(repr("len(str(2 ** 9000))")).isEqualTo("2710");
        assertThat(error("2.0 ** 10000")).isEqualTo("condition expression failed: float power result too large");
    }

    @Test
    void repetitionAndConcatenationAreLimited() {
        assertThat(repr("len('x' * 100000)")).isEqualTo("100000");
        String limit = "condition expression exceeds a limit: a string or list result would have more than 100000 elements";
        assertThat(error("'x' * 100001")).isEqualTo(limit);
        assertThat(error("[0] * 10 ** 9")).isEqualTo(limit);
        assertThat(error("'ab' * {n}", Map.of("n", Long.MAX_VALUE))).isEqualTo(limit);
        assertThat(error("('x' * 60000) + ('x' * 60000)")).isEqualTo(limit);
        assertThat(error("[0] * 60000 + [1] * 60000")).isEqualTo(limit);
    }

    @Test
    void sharedNestedListsCannotMultiplyTheWork() {
        String budget = "condition expression exceeds a limit: the expression needs too much work to evaluate";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            // each list holds 99 references to the same inner list: 99**5 elements to compare or print
            String nested = "[[[[[1] * 99] * 99] * 99] * 99] * 99";
            assertThat(error(nested + " == " + nested)).startsWith(budget);
            assertThat(error("len(str(" + nested + "))")).startsWith(budget);
        });
    }

    @Test
    void substringSearchStaysLinear() {
        // String.indexOf compares naively: quadratic on this input, repeated 20 times in one expression
        String search = "(('a' * 50000 + 'b') in 'a' * 100000)";
        String expression = String.join(" + ", java.util.Collections.nCopies(20, search));
        assertThat(expression.length()).isLessThan(ConditionEvaluator.MAX_LENGTH);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThat(repr(expression)).isEqualTo("0"));
        assertThat(repr("('a' * 30 + 'b') in ('a' * 100 + 'b')")).isEqualTo("True");
        assertThat(repr("('ab' * 20).split('ba' * 9)")).isEqualTo("['a', '', 'bab']");
        assertThat(repr("('x' * 30 + 'y') in 'x' * 30")).isEqualTo("False");
    }

    @Test
    void deeplyNestedValuesAreRejected() {
        Object value = List.of();
        for (int k = 0; k < 150; k++) {
            value = List.of(value);
        }
        assertThat(error("{v} == 1", Map.of("v", value)))
                .isEqualTo("condition expression exceeds a limit: the value of {v} is nested more than 100 levels deep");
        List<Object> self = new ArrayList<>();
        self.add(self); // a cycle cannot come from JSON, but must not overflow the stack either
        assertThat(error("{v} == 1", Map.of("v", self))).contains("nested more than 100 levels deep");
    }
}
