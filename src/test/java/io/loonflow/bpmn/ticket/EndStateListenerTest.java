package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;

import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The end state a ticket's process reaches is known to the transaction that ended it without the engine's history
 * (which history level {@code none} does not keep).
 */
class EndStateListenerTest extends IntegrationTest {

    @Autowired
    TicketEngine engine;

    @Autowired
    EndedInstances ended;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theTransactionThatEndsAnInstanceKnowsItsEndState() {
        TicketWorkflowFixture fixture = new TicketWorkflowFixture(api(), data());
        String creator = TestData.unique("creator");
        String approver = TestData.unique("approver");
        data().user(creator, false, false);
        data().user(approver, false, false);
        fixture.workflow(TestData.unique("ends"));
        long start = fixture.state("draft", 1, 0, "", 1, "{}");
        long approve = fixture.state("approve", 0, 1, approver, 1, "{}");
        long done = fixture.state("done", 2, 0, "", 1, "{}");
        long submit = fixture.transition("submit", start, approve, 1, false, "[]");
        long agree = fixture.transition("agree", approve, done, 1, false, "[]");
        String instance = data().processInstanceOf(fixture.ticket(creator, submit));

        OptionalLong[] seen = new OptionalLong[2];
        transactions.executeWithoutResult(status -> {
            seen[0] = ended.endStateOf(instance);
            engine.perform(instance, approve, agree, Map.of());
            seen[1] = ended.endStateOf(instance);
            assertThat(engine.currentStateId(instance)).isEqualTo(done);
            status.setRollbackOnly();
        });

        assertThat(seen[0]).isEmpty();
        assertThat(seen[1]).hasValue(done);
        transactions.executeWithoutResult(status -> assertThat(ended.endStateOf(instance)).isEmpty());
    }
}
