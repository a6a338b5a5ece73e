package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected texts are what Python 3's {@code json.dumps(text)} prints. */
class PythonJsonTest {

    @Test
    void escapesLikePythonsJsonDumps() {
        assertThat(PythonJson.dumps("")).isEqualTo("\"\"");
        assertThat(PythonJson.dumps("{\"a\": 1}")).isEqualTo("\"{\\\"a\\\": 1}\"");
        assertThat(PythonJson.dumps("back\\slash/")).isEqualTo("\"back\\\\slash/\"");
        assertThat(PythonJson.dumps("tab\tnl\ncr\rbs\bff\f")).isEqualTo("\"tab\\tnl\\ncr\\rbs\\bff\\f\"");
        assertThat(PythonJson.dumps("\u0001\u007f")).isEqualTo("\"\\u0001\\u007f\"");
        assertThat(PythonJson.dumps("部门é")).isEqualTo("\"\\u90e8\\u95e8\\u00e9\"");
        assertThat(PythonJson.dumps("😀")).isEqualTo("\"\\ud83d\\ude00\"");
    }

    @Test
    void searchPatternsMatchWildcardsLiterally() {
        assertThat(AccountSql.contains("Ab")).isEqualTo("%ab%");
        assertThat(AccountSql.contains("50%_!")).isEqualTo("%50!%!_!!%");
    }
}
