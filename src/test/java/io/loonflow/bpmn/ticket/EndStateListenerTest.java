package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;

import io.loonflow.bpmn.support.IntegrationTest;
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
        TicketWorkflowFixture.Approval flow = fixture.approval();
        long approve = flow.approve();
        long done = flow.done();
        String instance = data().processInstanceOf(fixture.ticket(flow.creator(), flow.submit()));

        OptionalLong[] seen = new OptionalLong[2];
        transactions.executeWithoutResult(status -> {
            seen[0] = ended.endStateOf(instance);
            engine.perform(instance, approve, flow.agree(), Map.of());
            seen[1] = ended.endStateOf(instance);
            assertThat(engine.currentStateId(instance)).isEqualTo(done);
            status.setRollbackOnly();
        });

        assertThat(seen[0]).isEmpty();
        assertThat(seen[1]).hasValue(done);
        transactions.executeWithoutResult(status -> assertThat(ended.endStateOf(instance)).isEmpty());
    }
}
