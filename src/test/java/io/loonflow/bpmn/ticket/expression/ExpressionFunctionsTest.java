package io.loonflow.bpmn.ticket.expression;

import static io.loonflow.bpmn.ticket.expression.PythonCases.EVALUATOR;
import static io.loonflow.bpmn.ticket.expression.PythonCases.error;
import static io.loonflow.bpmn.ticket.expression.PythonCases.repr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whitelisted functions and methods, and date arithmetic; tables checked against CPython 3.11's results. */
class ExpressionFunctionsTest {

    static Stream<Arguments> builtins() {
        return PythonCases.table("""
            int('42')  =>  42
            int(' 42 ')  =>  42
            int('-42')  =>  -42
            int('1_000')  =>  1000
            int('4.2')  =>  !invalid literal for int() with base 10: '4.2'
            int('')  =>  !invalid literal for int() with base 10: ''
            int('abc')  =>  !invalid literal for int() with base 10: 'abc'
            int(3.9)  =>  3
            int(-3.9)  =>  -3
            int(True)  =>  1
            int(None)  =>  !int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
            int(float('inf'))  =>  !cannot convert float infinity to integer
            int(float('nan'))  =>  !cannot convert float NaN to integer
            int()  =>  0
            float('1.5')  =>  1.5
            float(' -2.5e3 ')  =>  -2500.0
            float('inf')  =>  inf
            float('-Infinity')  =>  -inf
            float('nan') == float('nan')  =>  False
            float('abc')  =>  !could not convert string to float: 'abc'
            float(3)  =>  3.0
            float(True)  =>  1.0
            float(None)  =>  !float() argument must be a string or a real number, not 'NoneType'
            float()  =>  0.0
            str(1)  =>  '1'
            str(1.0)  =>  '1.0'
            str(1e16)  =>  '1e+16'
            str(None)  =>  'None'
            str(True)  =>  'True'
            str([1, 'a', None, True, 1.5])  =>  "[1, 'a', None, True, 1.5]"
            str((1,))  =>  '(1,)'
            str(())  =>  '()'
            str('abc')  =>  'abc'
            str("it's")  =>  "it's"
            str(['it\\'s', "say \\"x\\""])  =>  '["it\\'s", \\'say "x"\\']'
            str()  =>  ''
            bool(0)  =>  False
            bool([])  =>  False
            bool('x')  =>  True
            bool()  =>  False
            len('abc')  =>  3
            len([1, 2])  =>  2
            len((1,))  =>  1
            len(1)  =>  !object of type 'int' has no len()
            len(None)  =>  !object of type 'NoneType' has no len()
            abs(-3)  =>  3
            abs(-3.5)  =>  3.5
            abs(True)  =>  1
            abs('x')  =>  !bad operand type for abs(): 'str'
            min(3, 1, 2)  =>  1
            max(3, 1, 2)  =>  3
            min([3, 1, 2])  =>  1
            max('abc')  =>  'c'
            min([])  =>  !min() arg is an empty sequence
            max(1, 'a')  =>  !'>' not supported between instances of 'str' and 'int'
            min(1, 2.5)  =>  1
            max(1, 1.0)  =>  1
            max(1.0, 1)  =>  1.0
            min('b', 'a')  =>  'a'
            max([1, 2], [1, 3])  =>  [1, 3]
            'AbC'.lower()  =>  'abc'
            'AbC'.upper()  =>  'ABC'
            '  x  '.strip()  =>  'x'
            'xxaxx'.strip('x')  =>  'a'
            '  x  '.lstrip()  =>  'x  '
            '  x  '.rstrip()  =>  '  x'
            'a,b,,c'.split(',')  =>  ['a', 'b', '', 'c']
            ' a  b c '.split()  =>  ['a', 'b', 'c']
            'a b c'.split(None, 1)  =>  ['a', 'b c']
            'a,b,c'.split(',', 1)  =>  ['a', 'b,c']
            'a b'.split('')  =>  !empty separator
            'abc'.startswith('ab')  =>  True
            'abc'.startswith(('x', 'a'))  =>  True
            'abc'.endswith('bc')  =>  True
            'abc'.endswith(1)  =>  !endswith first arg must be str or a tuple of str, not int
            'abc'.startswith(None)  =>  !startswith first arg must be str or a tuple of str, not NoneType
            'a\\u00a0b'.split()  =>  ['a', 'b']
            """);
    }

    static Stream<Arguments> dates() {
        return PythonCases.table("""
            datetime.datetime.strptime('2024-03-15 10:30:00', '%Y-%m-%d %H:%M:%S')  =>  datetime.datetime(2024, 3, 15, 10, 30)
            datetime.datetime.strptime('2024-3-5', '%Y-%m-%d')  =>  datetime.datetime(2024, 3, 5, 0, 0)
            datetime.datetime.strptime('2024-03-15', '%Y-%m-%d %H:%M:%S')  =>  !time data '2024-03-15' does not match format '%Y-%m-%d %H:%M:%S'
            datetime.datetime.strptime('2024-03-15 10:30:00', '%Y-%m-%d')  =>  !unconverted data remains:  10:30:00
            datetime.datetime.strptime('2024-02-30', '%Y-%m-%d')  =>  !day is out of range for month
            datetime.datetime.strptime('24-03-15', '%y-%m-%d')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('69-03-15', '%y-%m-%d')  =>  datetime.datetime(1969, 3, 15, 0, 0)
            datetime.datetime.strptime('15 Mar 2024', '%d %b %Y')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('15 march 2024', '%d %B %Y')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('15 MARCH 2024', '%d %B %Y')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('2024 075', '%Y %j')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('2023 366', '%Y %j')  =>  datetime.datetime(2024, 1, 1, 0, 0)
            datetime.datetime.strptime('07:05:09 PM', '%I:%M:%S %p')  =>  datetime.datetime(1900, 1, 1, 19, 5, 9)
            datetime.datetime.strptime('12:05 am', '%I:%M %p')  =>  datetime.datetime(1900, 1, 1, 0, 5)
            datetime.datetime.strptime('12:05 pm', '%I:%M %p')  =>  datetime.datetime(1900, 1, 1, 12, 5)
            datetime.datetime.strptime('12:05', '%I:%M')  =>  datetime.datetime(1900, 1, 1, 0, 5)
            datetime.datetime.strptime('10:30:00.5', '%H:%M:%S.%f')  =>  datetime.datetime(1900, 1, 1, 10, 30, 0, 500000)
            datetime.datetime.strptime('10:30:00.123456', '%H:%M:%S.%f')  =>  datetime.datetime(1900, 1, 1, 10, 30, 0, 123456)
            datetime.datetime.strptime('2024-03-15T10:30:00', '%Y-%m-%dT%H:%M:%S')  =>  datetime.datetime(2024, 3, 15, 10, 30)
            datetime.datetime.strptime('2024-03-15t10:30:00', '%Y-%m-%dT%H:%M:%S')  =>  datetime.datetime(2024, 3, 15, 10, 30)
            datetime.datetime.strptime('2024-03-15   10:30', '%Y-%m-%d %H:%M')  =>  datetime.datetime(2024, 3, 15, 10, 30)
            datetime.datetime.strptime('20240315', '%Y%m%d')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('2024315', '%Y%m%d')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('Fri, 15 Mar 2024', '%a, %d %b %Y')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('Friday 15', '%A %d')  =>  datetime.datetime(1900, 1, 15, 0, 0)
            datetime.datetime.strptime('100%', '%d%%')  =>  !time data '100%' does not match format '%d%%'
            datetime.datetime.strptime('2024', '%Y %')  =>  !stray % in format '%Y %'
            datetime.datetime.strptime('2024', '%Q')  =>  !'Q' is a bad or unsupported directive in format '%Q' (supported: %Y %y %m %d %H %I %p %M %S %f %j %b %B %a %A %%)
            datetime.datetime.strptime('23:59:60', '%H:%M:%S')  =>  !second must be in 0..59
            datetime.datetime.strptime('2024-03-15 (x)', '%Y-%m-%d (x)')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('2024.03.15', '%Y.%m.%d')  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime.strptime('2024x03x15', '%Y.%m.%d')  =>  !time data '2024x03x15' does not match format '%Y.%m.%d'
            datetime.datetime.strptime(20240315, '%Y%m%d')  =>  !strptime() argument 1 must be str, not int
            datetime.datetime.strptime('0000-01-01', '%Y-%m-%d')  =>  !year 0 is out of range
            datetime.datetime.strptime(' 5', '%d')  =>  datetime.datetime(1900, 1, 5, 0, 0)
            datetime.datetime(2024, 3, 15)  =>  datetime.datetime(2024, 3, 15, 0, 0)
            datetime.datetime(2024, 3, 15, 10, 30)  =>  datetime.datetime(2024, 3, 15, 10, 30)
            datetime.datetime(2024, 3, 15, 10, 30, 5)  =>  datetime.datetime(2024, 3, 15, 10, 30, 5)
            datetime.datetime(2024, 3, 15, 10, 30, 5, 7)  =>  datetime.datetime(2024, 3, 15, 10, 30, 5, 7)
            datetime.datetime(2024, 3, 15, 0, 0, 0, 7)  =>  datetime.datetime(2024, 3, 15, 0, 0, 0, 7)
            datetime.datetime(2024, 13, 1)  =>  !month must be in 1..12
            datetime.datetime(2024, 2, 30)  =>  !day is out of range for month
            datetime.datetime(0, 1, 1)  =>  !year 0 is out of range
            datetime.datetime(2024, 1, 1, 24)  =>  !hour must be in 0..23
            datetime.datetime(2024, 1, 1, 0, 60)  =>  !minute must be in 0..59
            datetime.datetime(2024, 1, 1, 0, 0, 60)  =>  !second must be in 0..59
            datetime.datetime(2024, 1, 1, 0, 0, 0, 1000000)  =>  !microsecond must be in 0..999999
            datetime.datetime(2024.0, 1, 1)  =>  !'float' object cannot be interpreted as an integer
            datetime.datetime(year=2024, month=1, day=2, hour=3)  =>  datetime.datetime(2024, 1, 2, 3, 0)
            datetime.datetime(2024, 1, day=2)  =>  datetime.datetime(2024, 1, 2, 0, 0)
            datetime.date(2024, 2, 29)  =>  datetime.date(2024, 2, 29)
            datetime.date(2023, 2, 29)  =>  !day is out of range for month
            datetime.date(year=2024, month=5, day=6)  =>  datetime.date(2024, 5, 6)
            datetime.timedelta(days=1)  =>  datetime.timedelta(days=1)
            datetime.timedelta(1)  =>  datetime.timedelta(days=1)
            datetime.timedelta(0, 5)  =>  datetime.timedelta(seconds=5)
            datetime.timedelta(hours=36)  =>  datetime.timedelta(days=1, seconds=43200)
            datetime.timedelta(hours=-1)  =>  datetime.timedelta(days=-1, seconds=82800)
            datetime.timedelta(minutes=1.5)  =>  datetime.timedelta(seconds=90)
            datetime.timedelta(weeks=1, days=1, hours=1, minutes=1, seconds=1, milliseconds=1, microseconds=1)  =>  datetime.timedelta(days=8, seconds=3661, microseconds=1001)
            datetime.timedelta(seconds=0.0000005)  =>  datetime.timedelta(0)
            datetime.timedelta(seconds=0.0000015)  =>  datetime.timedelta(microseconds=2)
            datetime.timedelta(days='1')  =>  !unsupported type for timedelta days component: str
            datetime.timedelta()  =>  datetime.timedelta(0)
            datetime.timedelta(days=-1.5)  =>  datetime.timedelta(days=-2, seconds=43200)
            str(datetime.timedelta(days=-1.5))  =>  '-2 days, 12:00:00'
            str(datetime.timedelta(days=2, seconds=5))  =>  '2 days, 0:00:05'
            str(datetime.timedelta(days=1))  =>  '1 day, 0:00:00'
            str(datetime.timedelta(seconds=5, microseconds=5))  =>  '0:00:05.000005'
            str(datetime.timedelta())  =>  '0:00:00'
            str(datetime.timedelta(hours=-1))  =>  '-1 day, 23:00:00'
            datetime.datetime(2024, 3, 15) - datetime.datetime(2024, 3, 10, 12)  =>  datetime.timedelta(days=4, seconds=43200)
            datetime.datetime(2024, 3, 10, 12) - datetime.datetime(2024, 3, 15)  =>  datetime.timedelta(days=-5, seconds=43200)
            (datetime.datetime(2024, 3, 15) - datetime.datetime(2024, 3, 10, 12)).days  =>  4
            (datetime.datetime(2024, 3, 10, 12) - datetime.datetime(2024, 3, 15)).days  =>  -5
            (datetime.datetime(2024, 3, 15) - datetime.datetime(2024, 3, 10, 12)).seconds  =>  43200
            (datetime.datetime(2024, 3, 15) - datetime.datetime(2024, 3, 10, 12)).total_seconds()  =>  388800.0
            datetime.timedelta(microseconds=1).total_seconds()  =>  1e-06
            datetime.datetime(2024, 3, 15) + datetime.timedelta(days=1, hours=2)  =>  datetime.datetime(2024, 3, 16, 2, 0)
            datetime.timedelta(days=1) + datetime.datetime(2024, 3, 15)  =>  datetime.datetime(2024, 3, 16, 0, 0)
            datetime.datetime(2024, 3, 15) - datetime.timedelta(minutes=1)  =>  datetime.datetime(2024, 3, 14, 23, 59)
            datetime.date(2024, 3, 15) + datetime.timedelta(hours=25)  =>  datetime.date(2024, 3, 16)
            datetime.date(2024, 3, 15) - datetime.timedelta(hours=1)  =>  datetime.date(2024, 3, 15)
            datetime.date(2024, 3, 15) + datetime.timedelta(hours=-1)  =>  datetime.date(2024, 3, 14)
            datetime.date(2024, 3, 15) - datetime.timedelta(hours=25)  =>  datetime.date(2024, 3, 14)
            datetime.date(2024, 3, 15) - datetime.date(2024, 1, 1)  =>  datetime.timedelta(days=74)
            datetime.date(2024, 3, 15) - datetime.datetime(2024, 1, 1)  =>  !unsupported operand type(s) for -: 'datetime.date' and 'datetime.datetime'
            datetime.datetime(2024, 3, 15) - datetime.date(2024, 1, 1)  =>  !unsupported operand type(s) for -: 'datetime.datetime' and 'datetime.date'
            datetime.datetime(2024, 3, 15) == datetime.date(2024, 3, 15)  =>  False
            datetime.datetime(2024, 3, 15) < datetime.date(2024, 3, 16)  =>  !can't compare datetime.datetime to datetime.date
            datetime.datetime(2024, 3, 15) < datetime.datetime(2024, 3, 16)  =>  True
            datetime.date(2024, 3, 15) <= datetime.date(2024, 3, 15)  =>  True
            datetime.datetime(2024, 3, 15) < '2024-03-16'  =>  !'<' not supported between instances of 'datetime.datetime' and 'str'
            datetime.datetime(2024, 3, 15) == '2024-03-15 00:00:00'  =>  False
            datetime.timedelta(days=1) > datetime.timedelta(hours=23)  =>  True
            datetime.timedelta(days=1) == datetime.timedelta(hours=24)  =>  True
            datetime.timedelta(days=1) * 2  =>  datetime.timedelta(days=2)
            2 * datetime.timedelta(days=1)  =>  datetime.timedelta(days=2)
            datetime.timedelta(days=1) * 0.5  =>  datetime.timedelta(seconds=43200)
            datetime.timedelta(days=1) / 3  =>  datetime.timedelta(seconds=28800)
            datetime.timedelta(days=1) / datetime.timedelta(hours=5)  =>  4.8
            datetime.timedelta(days=1) // datetime.timedelta(hours=5)  =>  4
            datetime.timedelta(days=1) % datetime.timedelta(hours=5)  =>  datetime.timedelta(seconds=14400)
            datetime.timedelta(days=1) // 7  =>  datetime.timedelta(seconds=12342, microseconds=857142)
            -datetime.timedelta(days=1)  =>  datetime.timedelta(days=-1)
            abs(datetime.timedelta(days=-1))  =>  datetime.timedelta(days=1)
            datetime.timedelta(days=1) + 1  =>  !unsupported operand type(s) for +: 'datetime.timedelta' and 'int'
            datetime.datetime(2024, 3, 15) + datetime.datetime(2024, 3, 15)  =>  !unsupported operand type(s) for +: 'datetime.datetime' and 'datetime.datetime'
            datetime.datetime(2024, 3, 15, 10, 30, 5).date()  =>  datetime.date(2024, 3, 15)
            datetime.date(2024, 3, 15).date()  =>  !'datetime.date' object has no attribute 'date'
            datetime.datetime(2024, 3, 15, 10, 30, 5).strftime('%Y-%m-%d %H:%M:%S')  =>  '2024-03-15 10:30:05'
            datetime.datetime(2024, 3, 15, 14, 3, 5, 42).strftime('%y %b %B %a %A %j %p %I %f %w %%')  =>  '24 Mar March Fri Friday 075 PM 02 000042 5 %'
            datetime.datetime(2024, 3, 15, 0, 3, 5).strftime('%I %p')  =>  '12 AM'
            datetime.date(2024, 3, 17).strftime('%Y%m%d %H %w')  =>  '20240317 00 0'
            datetime.datetime(2024, 3, 15).strftime(5)  =>  !strftime() argument 1 must be str, not int
            datetime.datetime(2024, 3, 15, 10, 30, 5).year  =>  2024
            datetime.datetime(2024, 3, 15, 10, 30, 5).hour  =>  10
            datetime.datetime(2024, 3, 15, 10, 30, 5, 9).microsecond  =>  9
            datetime.date(2024, 3, 15).month  =>  3
            datetime.date(2024, 3, 15).hour  =>  !'datetime.date' object has no attribute 'hour'
            datetime.date(2024, 3, 15).weekday()  =>  4
            datetime.datetime(2024, 3, 17).weekday()  =>  6
            str(datetime.datetime(2024, 3, 15, 10, 30, 5))  =>  '2024-03-15 10:30:05'
            str(datetime.datetime(2024, 3, 15, 10, 30, 5, 100))  =>  '2024-03-15 10:30:05.000100'
            str(datetime.date(2024, 3, 15))  =>  '2024-03-15'
            str([datetime.date(2024, 3, 15), datetime.timedelta(0)])  =>  '[datetime.date(2024, 3, 15), datetime.timedelta(0)]'
            datetime.datetime(9999, 12, 31) + datetime.timedelta(days=1)  =>  !date value out of range
            datetime.date(1, 1, 1) - datetime.timedelta(days=1)  =>  !date value out of range
            datetime.timedelta(days=1) < 5  =>  !'<' not supported between instances of 'datetime.timedelta' and 'int'
            'x'.days  =>  !'str' object has no attribute 'days'
            datetime.timedelta(1).year  =>  !'datetime.timedelta' object has no attribute 'year'
            bool(datetime.timedelta(0))  =>  False
            bool(datetime.date(2024, 1, 1))  =>  True
            datetime.datetime.strptime('2024-03-15 10:30:00', '%Y-%m-%d %H:%M:%S') < datetime.datetime(2024, 3, 16)  =>  True
            datetime.datetime.strptime('2024-03-15 10:30:00', '%Y-%m-%d %H:%M:%S') > datetime.datetime(2024, 3, 15) + datetime.timedelta(hours=10)  =>  True
            """);
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @MethodSource
    void builtins(String expression, String expected) {
        PythonCases.verify(expression, expected);
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @MethodSource
    void dates(String expression, String expected) {
        PythonCases.verify(expression, expected);
    }

    @Test
    void nowTodayAndTimeReadTheInjectedClock() {
        assertThat(repr("datetime.datetime.now()")).isEqualTo("datetime.datetime(2024, 3, 15, 10, 30, 45, 123456)");
        assertThat(repr("datetime.datetime.today()")).isEqualTo("datetime.datetime(2024, 3, 15, 10, 30, 45, 123456)");
        assertThat(repr("datetime.date.today()")).isEqualTo("datetime.date(2024, 3, 15)");
        assertThat(repr("time.time()")).isEqualTo("1710469845.123456");
        assertThat(repr("int(time.time()) - 1710469845")).isEqualTo("0");
        assertThat(repr("datetime.datetime.now().date() == datetime.date.today()")).isEqualTo("True");
        ConditionEvaluator later = new ConditionEvaluator(java.time.Clock.offset(PythonCases.CLOCK,
                java.time.Duration.ofDays(1)));
        assertThat(later.evaluate("datetime.date.today()", Map.of())).isEqualTo(LocalDate.of(2024, 3, 16));
    }

    @Test
    void loonflowsDeadlineExampleComparesStoredDatetimeTextWithNowPlusTimedelta() {
        // a datetime field reads back as 'YYYY-MM-DD HH:MM:SS' text (spec 5.4.2); users parse it with strptime
        String expression = "datetime.datetime.strptime({date_end}, '%Y-%m-%d %H:%M:%S')"
                + " > datetime.datetime.now() + datetime.timedelta(days=3)";
        assertThat(EVALUATOR.matches(expression, Map.of("date_end", "2024-03-18 10:30:46"))).isTrue();
        assertThat(EVALUATOR.matches(expression, Map.of("date_end", "2024-03-18 10:30:45"))).isFalse();
        assertThat(EVALUATOR.matches("datetime.datetime.strptime({d}, '%Y-%m-%d') <= datetime.datetime.now()",
                Map.of("d", "2024-03-15"))).isTrue();
        assertThat(EVALUATOR.matches("(datetime.datetime.now() - datetime.datetime.strptime({created},"
                + " '%Y-%m-%d %H:%M:%S')).days >= 2", Map.of("created", "2024-03-13 10:30:00"))).isTrue();
        assertThat(EVALUATOR.matches("time.time() - 3600 > 1710466245", Map.of())).isTrue();
        assertThat(error("datetime.datetime.strptime({d}, '%Y-%m-%d %H:%M:%S') > datetime.datetime.now()",
                Map.of("d", "2024-03-15")))
                .isEqualTo("condition expression failed: time data '2024-03-15' does not match format"
                        + " '%Y-%m-%d %H:%M:%S'");
    }

    @Test
    void datesAndDatetimesBoundFromJavaAreDatetimeObjects() {
        Map<String, Object> values = Map.of("day", LocalDate.of(2024, 3, 1),
                "at", LocalDateTime.of(2024, 3, 1, 8, 0, 0, 123_456_789));
        assertThat(repr("{day}", values)).isEqualTo("datetime.date(2024, 3, 1)");
        assertThat(repr("{at}", values)).isEqualTo("datetime.datetime(2024, 3, 1, 8, 0, 0, 123456)");
        assertThat(repr("{day} + datetime.timedelta(days=30)", values)).isEqualTo("datetime.date(2024, 3, 31)");
        assertThat(repr("datetime.date.today() - {day}", values)).isEqualTo("datetime.timedelta(days=14)");
        assertThat(repr("{at}.date() == {day}", values)).isEqualTo("True");
        assertThat(repr("{at}.strftime('%Y-%m-%d %H:%M:%S')", values)).isEqualTo("'2024-03-01 08:00:00'");
        assertThat(repr("{at}.hour + {day}.month", values)).isEqualTo("11");
        assertThat(repr("str({at})", values)).isEqualTo("'2024-03-01 08:00:00.123456'");
        assertThat(repr("{at} == {day}", values)).isEqualTo("False");
        assertThat(error("{at} < {day}", values))
                .isEqualTo("condition expression failed: can't compare datetime.datetime to datetime.date");
    }

    @Test
    void timedeltaAcceptsKeywordAndPositionalArguments() {
        assertThat(repr("datetime.timedelta(1, 30, 5, 1, 1, 1, 1)"))
                .isEqualTo("datetime.timedelta(days=8, seconds=3690, microseconds=1005)");
        assertThat(repr("datetime.timedelta(hours=1, days=2) == datetime.timedelta(2, 3600)")).isEqualTo("True");
        assertThat(repr("datetime.timedelta(weeks=1).days")).isEqualTo("7");
        assertThat(repr("datetime.timedelta(minutes=90).total_seconds()")).isEqualTo("5400.0");
        assertThat(repr("datetime.timedelta(days=-1, seconds=1).seconds")).isEqualTo("1");
        assertThat(repr("datetime.timedelta(microseconds=-1).microseconds")).isEqualTo("999999");
        assertThat(repr("datetime.timedelta(hours={h})", Map.of("h", 1.25)))
                .isEqualTo("datetime.timedelta(seconds=4500)");
    }

    @Test
    void callArgumentsAreCheckedWhenParsing() {
        assertThatThrownBy(() -> EVALUATOR.check("len()"))
                .hasMessage("invalid condition expression: len() takes exactly 1 argument (0 given) at character 1");
        assertThatThrownBy(() -> EVALUATOR.check("len('a', 'b')"))
                .hasMessageContaining("len() takes exactly 1 argument (2 given)");
        assertThatThrownBy(() -> EVALUATOR.check("int(1, 2)"))
                .hasMessageContaining("int() takes at most 1 argument (2 given)");
        assertThatThrownBy(() -> EVALUATOR.check("datetime.datetime.now(1)"))
                .hasMessageContaining("datetime.datetime.now() takes no arguments (1 given)");
        assertThatThrownBy(() -> EVALUATOR.check("datetime.timedelta(days=1, days=2)"))
                .hasMessageContaining("keyword argument repeated: days");
        assertThatThrownBy(() -> EVALUATOR.check("datetime.timedelta(day=1)"))
                .hasMessageContaining("'day' is an invalid keyword argument for datetime.timedelta()");
        assertThatThrownBy(() -> EVALUATOR.check("datetime.datetime(2024, 1, year=2024)"))
                .hasMessageContaining("datetime.datetime() missing required argument 'day' (pos 3)");
        assertThatThrownBy(() -> EVALUATOR.check("datetime.datetime(2024, 1, 1, year=2024)"))
                .hasMessageContaining("argument for datetime.datetime() given by name ('year') and position (1)");
        assertThatThrownBy(() -> EVALUATOR.check("datetime.timedelta(days=1, 2)"))
                .hasMessageContaining("positional argument follows keyword argument");
        assertThatThrownBy(() -> EVALUATOR.check("len(x=1)")).hasMessageContaining("len() takes no keyword arguments");
        assertThatThrownBy(() -> EVALUATOR.check("max()")).hasMessageContaining("max() expected at least 1 argument");
        assertThatThrownBy(() -> EVALUATOR.check("'a'.lower(1)"))
                .hasMessageContaining("lower() takes no arguments (1 given)");
        assertThatThrownBy(() -> EVALUATOR.check("'a'.split(',', 1, 2)"))
                .hasMessageContaining("split() takes from 0 to 2 arguments (3 given)");
        assertThatThrownBy(() -> EVALUATOR.check("'a'.strip(chars='a')"))
                .hasMessageContaining("strip() takes no keyword arguments");
    }

    @Test
    void stringMethodsWorkOnPlaceholderValues() {
        Map<String, Object> values = Map.of("reason", "  Urgent: server down ", "tags", "a,b,c");
        assertThat(repr("{reason}.strip().lower().startswith('urgent')", values)).isEqualTo("True");
        assertThat(repr("{reason}.upper().endswith('DOWN ')", values)).isEqualTo("True");
        assertThat(repr("'b' in {tags}.split(',')", values)).isEqualTo("True");
        assertThat(repr("len({tags}.split(','))", values)).isEqualTo("3");
        assertThat(repr("{reason}.split()", values)).isEqualTo("['Urgent:', 'server', 'down']");
        assertThat(repr("{reason}.strip(' Un')", values)).isEqualTo("'rgent: server dow'");
        assertThat(error("{tags}.days", values))
                .isEqualTo("condition expression failed: 'str' object has no attribute 'days'");
        assertThat(error("len({n})", Map.of("n", 5)))
                .isEqualTo("condition expression failed: object of type 'int' has no len()");
    }

    @Test
    void conversionsOfFieldValues() {
        Map<String, Object> values = Map.of("amount", "1200.50", "count", "12", "flag", true);
        assertThat(repr("float({amount}) > 1000", values)).isEqualTo("True");
        assertThat(repr("int({count}) + 1", values)).isEqualTo("13");
        assertThat(repr("str({flag})", values)).isEqualTo("'True'");
        assertThat(repr("int({flag})", values)).isEqualTo("1");
        assertThat(repr("abs(-int({count}))", values)).isEqualTo("12");
        assertThat(repr("max(int({count}), 20, 5)", values)).isEqualTo("20");
        assertThat(repr("min([3, 1, 2]) + max((4, 9))", values)).isEqualTo("10");
        assertThat(error("int({amount})", values))
                .isEqualTo("condition expression failed: invalid literal for int() with base 10: '1200.50'");
    }

    @Test
    void strptimeReadsDigitsOfOtherScriptsWherePythonsRegexMatchesThem() {
        // \d in CPython's %Y pattern matches any decimal digit, including ones outside the BMP
        assertThat(repr("datetime.datetime.strptime({d}, '%Y-%m-%d')", Map.of("d", "\uD835\uDFD0\uD835\uDFCE"
                + "\uD835\uDFD0\uD835\uDFD2-03-05"))).isEqualTo("datetime.datetime(2024, 3, 5, 0, 0)");
        assertThat(repr("datetime.datetime.strptime({d}, '%Y-%m-%d')", Map.of("d", "\u0662\u0660\u0662\u0664-03-05")))
                .isEqualTo("datetime.datetime(2024, 3, 5, 0, 0)");
    }
}
