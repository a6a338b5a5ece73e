package io.loonflow.bpmn.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Expected strings were produced by CPython 3 {@code template.format(**values)} with the same values. */
class PythonFormatTest {

    private static Map<String, Object> values() {
        Map<String, Object> v = new HashMap<>();
        v.put("title", "abcdef");
        v.put("id", 42L);
        v.put("amount", 1234567.891);
        v.put("ratio", 0.256);
        v.put("n", 255L);
        v.put("f1", 1.0);
        v.put("f2", 1e16);
        v.put("f3", 0.00001);
        v.put("f4", 2.5);
        v.put("none", null);
        v.put("flag", true);
        v.put("q", "it's");
        v.put("w", "ab");
        v.put("width", 5L);
        v.put("e", 12345.678);
        v.put("g1", 0.0001234);
        v.put("g2", 1234567.0);
        v.put("pi", 3.14159);
        v.put("items", List.of("x", 3L));
        v.put("neg", -7L);
        v.put("big", 1234567L);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("k", null);
        v.put("d", d);
        return v;
    }

    private static String format(String template) throws Exception {
        return PythonFormat.format(template, values());
    }

    @Test
    void rendersLikePythonStrFormat() throws Exception {
        assertThat(format("你有一个待办工单:{title}")).isEqualTo("你有一个待办工单:abcdef");
        assertThat(format("{{literal}} {id}")).isEqualTo("{literal} 42");
        assertThat(format("{id:>5}|{id:<4}|{id:^5}|{id:05}")).isEqualTo("   42|42  | 42  |00042");
        assertThat(format("{amount:,.2f}")).isEqualTo("1,234,567.89");
        assertThat(format("{ratio:.1%}")).isEqualTo("25.6%");
        assertThat(format("{n:x} {n:#b} {n:+d} {n:#X} {n:o}")).isEqualTo("ff 0b11111111 +255 0XFF 377");
        assertThat(format("{f1} {f2} {f3} {f4}")).isEqualTo("1.0 1e+16 1e-05 2.5");
        assertThat(format("{none} {flag} {flag:d} {flag:>3}")).isEqualTo("None True 1   1");
        assertThat(format("{q!r} {title!r}")).isEqualTo("\"it's\" 'abcdef'");
        assertThat(format("{title:.3}|{title:*^10}|{w:{width}}|")).isEqualTo("abc|**abcdef**|ab   |");
        assertThat(format("{e:.2e} {g1:g} {g2:g} {pi:.2} {pi:.0f} {pi:10.3f}|"))
                .isEqualTo("1.23e+04 0.0001234 1.23457e+06 3.1 3      3.142|");
        assertThat(format("{items[0]} {items} {d}")).isEqualTo("x ['x', 3] {'k': None}");
        assertThat(format("{neg:05} {neg: d} {big:,} {big:_}")).isEqualTo("-0007 -7 1,234,567 1_234_567");
        assertThat(format("{id:=+6} {e:E} {f2:f}")).isEqualTo("+   42 1.234568E+04 10000000000000000.000000");
        assertThat(format("")).isEqualTo("");
    }

    @Test
    void refusesWhatPythonRefusesWithAClearMessage() {
        assertThatThrownBy(() -> format("hi {missing}")).hasMessage("unknown key 'missing'");
        assertThatThrownBy(() -> format("{}")).hasMessageContaining("positional field {}");
        assertThatThrownBy(() -> format("{0}")).hasMessageContaining("positional field {0}");
        assertThatThrownBy(() -> format("a } b")).hasMessage("Single '}' encountered in format string");
        assertThatThrownBy(() -> format("{title")).hasMessage("Single '{' encountered in format string");
        assertThatThrownBy(() -> format("{n:s}")).hasMessage("Unknown format code 's' for object of type 'int'");
        assertThatThrownBy(() -> format("{title:d}")).hasMessage("Unknown format code 'd' for object of type 'str'");
        assertThatThrownBy(() -> format("{none:>5}"))
                .hasMessage("unsupported format string passed to NoneType.__format__");
        assertThatThrownBy(() -> format("{title.upper}")).hasMessageContaining("attribute access");
        assertThatThrownBy(() -> format("{title!x}")).hasMessageContaining("Unknown conversion specifier x");
        assertThatThrownBy(() -> format("{id:99999999}")).hasMessageContaining("too large");
        assertThatThrownBy(() -> PythonFormat.format(null, values())).hasMessage("the template is NULL");
        assertThatThrownBy(() -> format("{title:9999}".repeat(11))).hasMessageContaining("longer than 100000");
    }
}
