package io.loonflow.bpmn.ticket.expression;

import static io.loonflow.bpmn.ticket.expression.PythonCases.error;
import static io.loonflow.bpmn.ticket.expression.PythonCases.repr;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Operators, precedence, comparisons, truthiness and literals, checked against CPython 3.11's results. */
class ExpressionOperatorsTest {

    static Stream<Arguments> arithmetic() {
        return PythonCases.table("""
            1 + 2 * 3  =>  7
            (1 + 2) * 3  =>  9
            2 ** 3 ** 2  =>  512
            -2 ** 2  =>  -4
            (-2) ** 2  =>  4
            2 ** -1  =>  0.5
            2 ** 0.5  =>  1.4142135623730951
            0 ** 0  =>  1
            0 ** -1  =>  !0.0 cannot be raised to a negative power
            7 // 2  =>  3
            -7 // 2  =>  -4
            7 // -2  =>  -4
            7 % 3  =>  1
            -7 % 3  =>  2
            7 % -3  =>  -2
            7.5 // 2  =>  3.0
            -7.5 // 2  =>  -4.0
            7.5 % 2  =>  1.5
            -7.5 % 2  =>  0.5
            7.0 % -2  =>  -1.0
            1 / 3  =>  0.3333333333333333
            10 / 2  =>  5.0
            1 / 0  =>  !division by zero
            1.0 / 0  =>  !float division by zero
            1 // 0  =>  !integer division or modulo by zero
            1 % 0  =>  !integer modulo by zero
            1.0 // 0.0  =>  !float floor division by zero
            2 ** 100  =>  1267650600228229401496703205376
            10 ** 20 / 10 ** 19  =>  10.0
            0.1 + 0.2  =>  0.30000000000000004
            1e16  =>  1e+16
            1e15  =>  1000000000000000.0
            1234567890123456.0  =>  1234567890123456.0
            12345678901234567.0  =>  1.2345678901234568e+16
            0.0001  =>  0.0001
            0.00001  =>  1e-05
            1.5e-7  =>  1.5e-07
            -0.0  =>  -0.0
            1e400  =>  inf
            -1e400  =>  -inf
            float('nan')  =>  nan
            3.0  =>  3.0
            100.0  =>  100.0
            1e22  =>  1e+22
            1e23  =>  1e+23
            2e23  =>  2e+23
            5e-324  =>  5e-324
            1.7976931348623157e308  =>  1.7976931348623157e+308
            0.1 * 3  =>  0.30000000000000004
            2.5e-5  =>  2.5e-05
            123.456  =>  123.456
            """);
    }

    static Stream<Arguments> precedence() {
        return PythonCases.table("""
            1 + 2 * 3 ** 2  =>  19
            -3 ** 2  =>  -9
            2 * -3  =>  -6
            2 ** -2 ** 2  =>  0.0625
            not 1 + 1 == 3  =>  True
            1 < 2 and 2 < 3 or 0  =>  True
            0 or 1 and 2  =>  2
            not 0 and 0  =>  0
            1 == 1 in [True]  =>  True
            (1 == 1) in [True]  =>  True
            10 - 4 - 3  =>  3
            100 / 10 / 5  =>  2.0
            2 ** 3 ** 0  =>  2
            7 - -3  =>  10
            --3  =>  3
            1 if 0 else 2 + 3  =>  5
            (1 if 0 else 2) + 3  =>  5
            1 + (2 if 1 else 3)  =>  3
            not None  =>  True
            'b' > 'a' > ''  =>  True
            3 < 5 != 5  =>  False
            1 < 2 > 1.5 >= 1.5  =>  True
            12 % 5 * 2  =>  4
            12 // 5 % 2  =>  0
            2 * 3 // 4  =>  1
            -7 % 3 ** 2  =>  2
            [1, 2] + [3] * 2  =>  [1, 2, 3, 3]
            ('a' + 'b') * 2 == 'abab'  =>  True
            1 in [1] == True  =>  False
            1 < 2 is True  =>  False
            not not 1  =>  True
            not 1 or 1  =>  1
            1 and not 0  =>  True
            2 + 3 > 4 and 'a' in 'abc' or 1 / 0  =>  True
            (2 + 3) * (4 - 1) / 5  =>  3.0
            3 - 2 ** 2 * 2  =>  -5
            2 ** 0.5 ** 2  =>  1.189207115002721
            1.5 + 2  =>  3.5
            7 // 2.0  =>  3.0
            2 ** 62 * 4  =>  18446744073709551616
            -2 ** 63  =>  -9223372036854775808
            1 - 0.9  =>  0.09999999999999998
            0.1 + 0.7  =>  0.7999999999999999
            1 / 3 * 3  =>  1.0
            10 ** -2  =>  0.01
            3 * 1.1  =>  3.3000000000000003
            1e100 * 10  =>  1e+101
            (2 ** 1000) * 1.0  =>  1.0715086071862673e+301
            float(2 ** 1023 * 2)  =>  !int too large to convert to float
            True / 2  =>  0.5
            True // 2  =>  0
            None or False  =>  False
            [] or ()  =>  ()
            () and 1  =>  ()
            """);
    }

    static Stream<Arguments> comparisonsAndBooleans() {
        return PythonCases.table("""
            True + True  =>  2
            True * 3  =>  3
            -True  =>  -1
            +True  =>  1
            not 0  =>  True
            not ''  =>  True
            not [0]  =>  False
            1 < 2 < 3  =>  True
            3 < 2 < 1/0  =>  False
            1 < 3 > 2  =>  True
            1 == 1.0  =>  True
            1 == True  =>  True
            0 == False  =>  True
            '1' == 1  =>  False
            None == None  =>  True
            None == 0  =>  False
            [1, 2] == [1, 2]  =>  True
            [1, 2] == (1, 2)  =>  False
            (1, 2) == (1, 2)  =>  True
            (1,) == (1,)  =>  True
            () == ()  =>  True
            [] == []  =>  True
            [1, [2, 3]] == [1, [2, 3]]  =>  True
            1 < 1.5  =>  True
            2 ** 60 < 2.0 ** 60 + 1  =>  False
            2 ** 53 + 1 == 2.0 ** 53  =>  False
            2 ** 53 + 1 > 2.0 ** 53  =>  True
            'a' < 'b'  =>  True
            'a' < 'B'  =>  False
            'abc' < 'abd'  =>  True
            'ab' < 'abc'  =>  True
            '' < 'a'  =>  True
            'a' < 1  =>  !'<' not supported between instances of 'str' and 'int'
            1 < 'a'  =>  !'<' not supported between instances of 'int' and 'str'
            None < 1  =>  !'<' not supported between instances of 'NoneType' and 'int'
            [1, 2] < [1, 3]  =>  True
            [1, 2] < [1, 2, 0]  =>  True
            [1, 'a'] < [1, 'b']  =>  True
            [1, 'a'] < [2, 1]  =>  True
            [1, 'a'] < [1, 2]  =>  !'<' not supported between instances of 'str' and 'int'
            (1, 2) < (1, 3)  =>  True
            [1] < (1,)  =>  !'<' not supported between instances of 'list' and 'tuple'
            'a' in 'abc'  =>  True
            'd' in 'abc'  =>  False
            '' in 'abc'  =>  True
            1 in 'abc'  =>  !'in <string>' requires string as left operand, not int
            1 in [1, 2]  =>  True
            1.0 in [1, 2]  =>  True
            True in [1, 2]  =>  True
            'x' in ['x', 'y']  =>  True
            'x' not in ['x', 'y']  =>  False
            'x' in ('x', 'y')  =>  True
            1 in 5  =>  !argument of type 'int' is not iterable
            1 in None  =>  !argument of type 'NoneType' is not iterable
            [1] in [[1], 2]  =>  True
            None is None  =>  True
            None is not None  =>  False
            1 is None  =>  False
            True is True  =>  True
            False is not True  =>  True
            [] is []  =>  False
            1 and 2  =>  2
            0 and 2  =>  0
            1 or 2  =>  1
            0 or 2  =>  2
            0 or '' or None  =>  None
            '' or 'default'  =>  'default'
            1 and 2 and 3  =>  3
            1 and 0 and 3  =>  0
            0 or 1 and 0  =>  0
            not 1 == 2  =>  True
            not 1 and 0  =>  False
            1 if True else 2  =>  1
            1 if 0 else 2 if 1 else 3  =>  2
            """);
    }

    static Stream<Arguments> sequences() {
        return PythonCases.table("""
            'a' + 'b'  =>  'ab'
            'a' * 3  =>  'aaa'
            3 * 'a'  =>  'aaa'
            'a' * 0  =>  ''
            'a' * -1  =>  ''
            'a' * True  =>  'a'
            'a' + 1  =>  !can only concatenate str (not "int") to str
            1 + 'a'  =>  !unsupported operand type(s) for +: 'int' and 'str'
            'a' * 2.0  =>  !can't multiply sequence by non-int of type 'float'
            [1] + [2]  =>  [1, 2]
            [1] * 3  =>  [1, 1, 1]
            (1,) + (2,)  =>  (1, 2)
            (1,) * 2  =>  (1, 1)
            [1] + (2,)  =>  !can only concatenate list (not "tuple") to list
            'ab' - 'a'  =>  !unsupported operand type(s) for -: 'str' and 'str'
            -'a'  =>  !bad operand type for unary -: 'str'
            +'a'  =>  !bad operand type for unary +: 'str'
            'abc'[0]  =>  'a'
            'abc'[-1]  =>  'c'
            'abc'[3]  =>  !string index out of range
            [1, 2, 3][1]  =>  2
            [1, 2, 3][-3]  =>  1
            [1, 2][2]  =>  !list index out of range
            (1, 2)[0]  =>  1
            [1, 2]['a']  =>  !list indices must be integers or slices, not str
            'abc'['a']  =>  !string indices must be integers, not 'str'
            [1, 2][True]  =>  2
            1[0]  =>  !'int' object is not subscriptable
            None[0]  =>  !'NoneType' object is not subscriptable
            """);
    }

    static Stream<Arguments> literals() {
        return PythonCases.table("""
            1, 2  =>  (1, 2)
            (1, 2, 3)  =>  (1, 2, 3)
            (1)  =>  1
            ()  =>  ()
            []  =>  []
            [1, 2,]  =>  [1, 2]
            'a' 'b'  =>  'ab'
            '''x''' == 'x'  =>  True
            \"""x\""" == 'x'  =>  True
            'it\\'s'  =>  "it's"
            "it's"  =>  "it's"
            'say "hi"'  =>  'say "hi"'
            'both \\' and "'  =>  'both \\' and "'
            '\\n\\t\\\\'  =>  '\\n\\t\\\\'
            '\\x41\\u00e9\\U0001F600'  =>  'Aé😀'
            '\\101'  =>  'A'
            '\\q'  =>  '\\\\q'
            r'\\n'  =>  '\\\\n'
            u'x'  =>  'x'
            '中文' < '中文字'  =>  True
            '\\u00e9' == 'é'  =>  True
            len('中文')  =>  2
            0x10 + 0o10 + 0b10  =>  26
            1_000_000  =>  1000000
            1.5e3  =>  1500.0
            .5  =>  0.5
            5.  =>  5.0
            1_0.5  =>  10.5
            """);
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @MethodSource
    void arithmetic(String expression, String expected) {
        PythonCases.verify(expression, expected);
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @MethodSource
    void precedence(String expression, String expected) {
        PythonCases.verify(expression, expected);
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @MethodSource
    void comparisonsAndBooleans(String expression, String expected) {
        PythonCases.verify(expression, expected);
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @MethodSource
    void sequences(String expression, String expected) {
        PythonCases.verify(expression, expected);
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @MethodSource
    void literals(String expression, String expected) {
        PythonCases.verify(expression, expected);
    }

    @Test
    void chainedComparisonWithAPlaceholderIsAConjunction() {
        String expression = "3 < {days} <= 10";
        assertThat(PythonCases.EVALUATOR.matches(expression, Map.of("days", 3))).isFalse();
        assertThat(PythonCases.EVALUATOR.matches(expression, Map.of("days", 4))).isTrue();
        assertThat(PythonCases.EVALUATOR.matches(expression, Map.of("days", 10))).isTrue();
        assertThat(PythonCases.EVALUATOR.matches(expression, Map.of("days", 10.5))).isFalse();
        assertThat(PythonCases.EVALUATOR.matches(expression, Map.of("days", 11L))).isFalse();
    }

    @Test
    void comparisonChainsAndBooleanOperatorsShortCircuit() {
        assertThat(repr("1 > 2 < 1 / 0")).isEqualTo("False");
        assertThat(error("1 < 2 < 1 / 0")).isEqualTo("condition expression failed: division by zero");
        assertThat(repr("0 and 1 / 0")).isEqualTo("0");
        assertThat(repr("1 or 1 / 0")).isEqualTo("1");
        assertThat(repr("1 if 1 else 1 / 0")).isEqualTo("1");
        Map<String, Object> none = new HashMap<>();
        none.put("v", null);
        assertThat(PythonCases.EVALUATOR.matches("{v} is not None and {v} > 3", none)).isFalse();
        assertThat(error("{v} > 3", none))
                .isEqualTo("condition expression failed: '>' not supported between instances of 'NoneType' and 'int'");
    }

    @Test
    void theResultDecidesByPythonTruthiness() {
        Map<String, Object> falsy = new HashMap<>();
        falsy.put("none", null);
        falsy.put("zero", 0);
        falsy.put("zeroLong", 0L);
        falsy.put("zeroFloat", 0.0);
        falsy.put("empty", "");
        falsy.put("emptyList", List.of());
        falsy.put("emptyMap", Map.of());
        falsy.put("no", false);
        for (String key : falsy.keySet()) {
            assertThat(PythonCases.EVALUATOR.matches("{" + key + "}", falsy)).as(key).isFalse();
            assertThat(PythonCases.EVALUATOR.matches("not {" + key + "}", falsy)).as(key).isTrue();
        }
        Map<String, Object> truthy = Map.of("one", 1, "minus", -1L, "tiny", 0.001, "text", "0", "list", List.of(0),
                "map", Map.of("a", 0), "yes", true, "nan", Double.NaN, "date", java.time.LocalDate.of(2024, 1, 1));
        for (String key : truthy.keySet()) {
            assertThat(PythonCases.EVALUATOR.matches("{" + key + "}", truthy)).as(key).isTrue();
        }
        assertThat(PythonCases.EVALUATOR.matches("datetime.timedelta(0)", Map.of())).isFalse();
        assertThat(PythonCases.EVALUATOR.matches("datetime.timedelta(seconds=1)", Map.of())).isTrue();
    }

    @Test
    void intAndFloatCompareExactlyAsInPython() {
        Map<String, Object> values = Map.of("max", Long.MAX_VALUE, "asFloat", (double) Long.MAX_VALUE);
        assertThat(repr("{max} == {asFloat}", values)).isEqualTo("False"); // the double is 2**63
        assertThat(repr("{max} < {asFloat}", values)).isEqualTo("True");
        assertThat(repr("{max} + 1 == {asFloat}", values)).isEqualTo("True");
        assertThat(repr("{max} + 1", values)).isEqualTo("9223372036854775808");
        assertThat(repr("{max} * {max}", values)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).pow(2).toString());
        assertThat(repr("-0.0 == 0")).isEqualTo("True");
        assertThat(repr("float('nan') < 1 or float('nan') > 1 or float('nan') == float('nan')")).isEqualTo("False");
        assertThat(repr("float('inf') > 10 ** 400")).isEqualTo("True");
    }

    @Test
    void isComparesIdentityAndTheSingletons() {
        Map<String, Object> values = new HashMap<>();
        values.put("a", new ArrayList<>(List.of(1, 2)));
        values.put("b", new ArrayList<>(List.of(1, 2)));
        values.put("t", true);
        values.put("n", null);
        assertThat(repr("{a} is {a}", values)).isEqualTo("True");
        assertThat(repr("{a} is {b}", values)).isEqualTo("False");
        assertThat(repr("{a} == {b}", values)).isEqualTo("True");
        assertThat(repr("{t} is True", values)).isEqualTo("True");
        assertThat(repr("{n} is None", values)).isEqualTo("True");
        assertThat(repr("{n} is not None", values)).isEqualTo("False");
        assertThat(repr("{t} is not False", values)).isEqualTo("True");
    }

    @Test
    void stringsCompareAndIndexByCodePoint() {
        Map<String, Object> values = Map.of("emoji", "\uD83D\uDE00", "halfwidth", "\uFF61");
        // UTF-16 order would put the surrogate pair first; Python compares code points (U+1F600 > U+FF61)
        assertThat(repr("{emoji} > {halfwidth}", values)).isEqualTo("True");
        assertThat(repr("len({emoji} + 'a')", values)).isEqualTo("2");
        assertThat(repr("({emoji} + 'a')[1]", values)).isEqualTo("'a'");
        assertThat(repr("'中文' in '这是中文'")).isEqualTo("True");
    }

    @Test
    void dictValuesSupportMembershipIndexingAndEquality() {
        Map<String, Object> values = Map.of("m", Map.of("a", 1, "b", List.of("x")));
        assertThat(repr("'a' in {m}", values)).isEqualTo("True");
        assertThat(repr("1 in {m}", values)).isEqualTo("False");
        assertThat(repr("{m}['b'][0]", values)).isEqualTo("'x'");
        assertThat(repr("len({m})", values)).isEqualTo("2");
        assertThat(error("{m}['z']", values)).isEqualTo("condition expression failed: key 'z' is not in the dict");
        assertThat(error("[1] in {m}", values)).isEqualTo("condition expression failed: unhashable type: 'list'");
        assertThat(repr("{m} == {m}", values)).isEqualTo("True");
        assertThat(repr("str({m})", Map.of("m", Map.of("k", "v")))).isEqualTo("\"{'k': 'v'}\"");
    }

    @Test
    void floatReprIsTheShortestRoundTrip() {
        for (double d : new double[] {0.1, 0.3, 1.0 / 3, 2.0 / 3, 1e-7, 123456789.123, 5e-324, Double.MIN_NORMAL,
            Double.MAX_VALUE, 9007199254740993.0, 0.1 + 0.2, 1e22, 1e23, 4.35, 2.675}) {
            String text = Py.floatRepr(d);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(d);
            String mantissa = text.replaceFirst("e.*", "").replace("-", "").replace(".", "").replaceFirst("^0+", "");
            mantissa = mantissa.replaceFirst("0+$", "");
            // no shorter decimal reads back as d
            if (mantissa.length() > 1) {
                java.math.BigDecimal shorter = new java.math.BigDecimal(d)
                        .round(new java.math.MathContext(mantissa.length() - 1, java.math.RoundingMode.FLOOR));
                java.math.BigDecimal shorterUp = new java.math.BigDecimal(d)
                        .round(new java.math.MathContext(mantissa.length() - 1, java.math.RoundingMode.CEILING));
                assertThat(shorter.doubleValue() == d || shorterUp.doubleValue() == d).as(text).isFalse();
            }
        }
        assertThat(Arrays.asList(Py.floatRepr(1e16), Py.floatRepr(1e-5), Py.floatRepr(-2.5e-5), Py.floatRepr(1e15),
                Py.floatRepr(0.0001), Py.floatRepr(-0.0), Py.floatRepr(5e-324)))
                .containsExactly("1e+16", "1e-05", "-2.5e-05", "1000000000000000.0", "0.0001", "-0.0", "5e-324");
    }
}
