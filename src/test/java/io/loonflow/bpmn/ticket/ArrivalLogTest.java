package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;

import io.loonflow.bpmn.support.IntegrationTest;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The state a ticket's process entered in the current transaction answers where it waits, without asking the
 * engine, only while that state's task lives: once the task ends the arrival no longer counts.
 */
class ArrivalLogTest extends IntegrationTest {

    @Autowired
    TicketEngine engine;

    @Autowired
    ArrivalLog arrivals;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anArrivalCountsUntilItsTaskEnds() {
        TicketWorkflowFixture fixture = new TicketWorkflowFixture(api(), data());
        TicketWorkflowFixture.ApprovalChain chain = fixture.approvalChain();
        long approve = chain.approve();
        long review = chain.review();
        String instance = data().processInstanceOf(fixture.ticket(chain.creator(), chain.submit()));

        OptionalLong[] seen = new OptionalLong[3];
        transactions.executeWithoutResult(status -> {
            seen[0] = arrivals.waitingState(instance);
            engine.perform(instance, approve, chain.agree(), Map.of());
            seen[1] = arrivals.waitingState(instance);
            assertThat(engine.currentStateId(instance)).isEqualTo(review);
            runtime.deleteProcessInstance(instance, "the review task ends without a next state");
            seen[2] = arrivals.waitingState(instance);
            status.setRollbackOnly();
        });

        assertThat(seen[0]).as("before the move").isEmpty();
        assertThat(seen[1]).as("after entering review").hasValue(review);
        assertThat(seen[2]).as("after review's task was deleted").isEmpty();
        transactions.executeWithoutResult(status -> assertThat(arrivals.waitingState(instance)).isEmpty());
        transactions.executeWithoutResult(status -> assertThat(engine.currentStateId(instance)).isEqualTo(approve));
    }
}
