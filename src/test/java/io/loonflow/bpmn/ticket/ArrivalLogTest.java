package io.loonflow.bpmn.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;

import io.loonflow.bpmn.support.IntegrationTest;
import io.loonflow.bpmn.support.TestData;
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
        String creator = TestData.unique("creator");
        String approver = TestData.unique("approver");
        String reviewer = TestData.unique("reviewer");
        data().user(creator, false, false);
        data().user(approver, false, false);
        data().user(reviewer, false, false);
        fixture.workflow(TestData.unique("arrivals"));
        long start = fixture.state("draft", 1, 0, "", 1, "{}");
        long approve = fixture.state("approve", 0, 1, approver, 1, "{}");
        long review = fixture.state("review", 0, 1, reviewer, 1, "{}");
        long done = fixture.state("done", 2, 0, "", 1, "{}");
        long submit = fixture.transition("submit", start, approve, 1, false, "[]");
        long agree = fixture.transition("agree", approve, review, 1, false, "[]");
        fixture.transition("close", review, done, 1, false, "[]");
        String instance = data().processInstanceOf(fixture.ticket(creator, submit));

        OptionalLong[] seen = new OptionalLong[3];
        transactions.executeWithoutResult(status -> {
            seen[0] = arrivals.waitingState(instance);
            engine.perform(instance, approve, agree, Map.of());
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
