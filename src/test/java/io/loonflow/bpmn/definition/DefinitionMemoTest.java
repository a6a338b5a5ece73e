package io.loonflow.bpmn.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Memoised definition reads: only inside a transaction that opened the memo, and only until it ends. */
class DefinitionMemoTest {

    private final TransactionTemplate transactions;

    DefinitionMemoTest() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:memo_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void aTransactionThatOpenedTheMemoLoadsEachRowOnce() {
        AtomicInteger loads = new AtomicInteger();
        transactions.executeWithoutResult(status -> {
            DefinitionMemo.open();
            assertThat(DefinitionMemo.get("state", 7, () -> "state 7 #" + loads.incrementAndGet()))
                    .isEqualTo("state 7 #1");
            assertThat(DefinitionMemo.get("state", 7, () -> "state 7 #" + loads.incrementAndGet()))
                    .isEqualTo("state 7 #1");
            assertThat(DefinitionMemo.get("state", 8, () -> "state 8 #" + loads.incrementAndGet()))
                    .isEqualTo("state 8 #2");
            assertThat(DefinitionMemo.get("workflow", 7, () -> "workflow 7 #" + loads.incrementAndGet()))
                    .isEqualTo("workflow 7 #3");
        });
        transactions.executeWithoutResult(status -> assertThat(
                DefinitionMemo.get("state", 7, () -> "state 7 #" + loads.incrementAndGet())).isEqualTo("state 7 #4"));
    }

    @Test
    void aRowRememberedFromAListIsNotLoadedAgainAndAnEarlierReadIsKept() {
        AtomicInteger loads = new AtomicInteger();
        transactions.executeWithoutResult(status -> {
            assertThat(DefinitionMemo.isOpen()).isFalse();
            DefinitionMemo.remember("state", 3, "state 3 from a list"); // not memoising: ignored
            DefinitionMemo.open();
            assertThat(DefinitionMemo.isOpen()).isTrue();
            assertThat(DefinitionMemo.get("state", 4, () -> "state 4 #" + loads.incrementAndGet()))
                    .isEqualTo("state 4 #1");
            DefinitionMemo.remember("state", 3, "state 3 from a list");
            DefinitionMemo.remember("state", 4, "state 4 from a list");
            assertThat(DefinitionMemo.get("state", 3, () -> "state 3 #" + loads.incrementAndGet()))
                    .isEqualTo("state 3 from a list");
            assertThat(DefinitionMemo.get("state", 4, () -> "state 4 #" + loads.incrementAndGet()))
                    .isEqualTo("state 4 #1");
            assertThat(DefinitionMemo.<String>known("state", 3)).isEqualTo("state 3 from a list");
            assertThat(DefinitionMemo.<String>known("state", 5)).isNull(); // known never loads
        });
        assertThat(loads).hasValue(1);
    }

    @Test
    void withoutOpeningItEveryReadLoads() {
        AtomicInteger loads = new AtomicInteger();
        transactions.executeWithoutResult(status -> {
            DefinitionMemo.get("state", 1, loads::incrementAndGet);
            DefinitionMemo.get("state", 1, loads::incrementAndGet);
        });
        DefinitionMemo.open(); // outside a transaction: nothing to bind to
        DefinitionMemo.get("state", 1, loads::incrementAndGet);
        assertThat(loads).hasValue(3);
    }

    @Test
    void sharedListsCannotBeChangedByOneReader() {
        transactions.executeWithoutResult(status -> {
            DefinitionMemo.open();
            List<String> first = DefinitionMemo.get("fields", 1, () -> new ArrayList<>(List.of("a", "b")));
            assertThatThrownBy(() -> first.add("c")).isInstanceOf(UnsupportedOperationException.class);
            assertThat(DefinitionMemo.get("fields", 1, () -> List.of("other"))).containsExactly("a", "b");
        });
    }
}
