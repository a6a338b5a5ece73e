package io.loonflow.bpmn.automation.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.LongValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.loonflow.bpmn.compiler.BpmnContract;
import io.loonflow.bpmn.definition.WorkflowScript;
import io.loonflow.bpmn.definition.WorkflowScriptRepository;
import io.loonflow.bpmn.ticket.FlowLogLine;
import io.loonflow.bpmn.ticket.Ticket;
import io.loonflow.bpmn.ticket.TicketAutomation;

/** The delegate's decisions around a real script run, with the ticket port and the engine execution faked. */
class ScriptDelegateTest {

    private static final long TICKET = 501;
    private static final long STATE = 77;
    private static final long FIRST_TRANSITION = 900;

    private final List<FlowLogLine> lines = new ArrayList<>();
    private final List<Object[]> moves = new ArrayList<>();
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final WorkflowScriptRepository scripts = mock(WorkflowScriptRepository.class);
    private final DelegateExecution execution = mock(DelegateExecution.class);
    private Ticket ticket = ticket(STATE, 6, "12");
    private ScriptDelegate delegate;

    @BeforeEach
    void setUp() {
        TicketAutomation automation = new TicketAutomation() {
            @Override
            public Ticket ticketOf(DelegateExecution e) {
                return ticket;
            }

            @Override
            public Ticket ticket(long ticketId) {
                return ticket;
            }

            @Override
            public long firstTransitionOf(long stateId) {
                if (stateId != STATE) {
                    throw new IllegalStateException("state " + stateId + " has no outgoing transition");
                }
                return FIRST_TRANSITION;
            }

            @Override
            public Map<String, Object> hookPayload(long ticketId) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("id", ticketId);
                payload.put("days", 4);
                return payload;
            }

            @Override
            public String snapshot(long ticketId, Map<String, Object> extra) {
                return "{}";
            }

            @Override
            public void log(FlowLogLine line) {
                lines.add(line);
            }

            @Override
            public void setScriptRunLastResult(long ticketId, boolean succeeded) {
                throw new AssertionError("not the script job's business");
            }

            @Override
            public void movingOn(DelegateExecution e, long transitionId, String suggestion, boolean writeLine) {
                LongValue named = (LongValue) variables.get(BpmnContract.TRANSITION_VARIABLE);
                moves.add(new Object[] {transitionId, suggestion, writeLine, named.getValue(), named.isTransient()});
            }
        };
        ScriptRunner runner = new ScriptRunner(new ScriptLimits(ScriptRunnerTest.PYTHON, List.of(),
                Duration.ofSeconds(20), 64 * 1024, 10, 0, 0, 2));
        delegate = new ScriptDelegate(automation, scripts, runner);
        when(execution.getCurrentActivityId()).thenReturn(BpmnContract.stateActivityId(STATE));
        when(execution.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
        org.mockito.Mockito.doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1)))
                .when(execution).setVariable(anyString(), any());
        org.mockito.Mockito.doAnswer(call -> variables.remove(call.<String>getArgument(0)))
                .when(execution).removeVariable(anyString());
    }

    private static Ticket ticket(long stateId, int participantType, String participant) {
        LocalDateTime now = LocalDateTime.now();
        return new Ticket(TICKET, "t", 1, "sn", stateId, 0, 0, participantType, participant, "", false, "", true, "{}",
                1, "pi", "alice", now, now, false);
    }

    private void script(String source, boolean active) {
        LocalDateTime now = LocalDateTime.now();
        when(scripts.findActive(12)).thenReturn(Optional.of(new WorkflowScript(12, "notify", "workflow_script/x.py",
                source, "", active, "admin", now, now, false)));
    }

    @Test
    void aSuccessfulRunWritesTheScriptLineAndMovesOnByTheFirstTransition() {
        script("print('seen', ticket_id, action_from, ticket['days'])", true);
        delegate.execute(execution);

        assertThat(lines).containsExactly(new FlowLogLine(TICKET, FIRST_TRANSITION, "seen 501 loonrobot 4\n", 6,
                "脚本:(id:12, name:notify)", STATE, 0, "", "loonrobot"));
        assertThat(moves).hasSize(1);
        assertThat(moves.get(0)).containsExactly(FIRST_TRANSITION, "脚本执行完成后自行流转", false, FIRST_TRANSITION, true);
    }

    @Test
    void theRetryEndpointsActionFromIsUsedOnceAndConsumed() {
        script("print(action_from)", true);
        variables.put(ScriptDelegate.ACTION_FROM_VARIABLE, "bob_retry");
        delegate.execute(execution);
        assertThat(lines.get(0).suggestion()).isEqualTo("bob_retry\n");
        assertThat(variables).doesNotContainKey(ScriptDelegate.ACTION_FROM_VARIABLE);
    }

    @Test
    void aFailingScriptThrowsAndLeavesNoTrace() {
        script("print('partial')\nraise RuntimeError('ldap is down')", true);
        variables.put(ScriptDelegate.ACTION_FROM_VARIABLE, "bob_retry");
        assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(ScriptFailure.class)
                .hasMessage("RuntimeError: ldap is down");
        assertThat(lines).isEmpty();
        assertThat(moves).isEmpty();
        assertThat(variables).containsEntry(ScriptDelegate.ACTION_FROM_VARIABLE, "bob_retry")
                .doesNotContainKey(BpmnContract.TRANSITION_VARIABLE);
    }

    @Test
    void aTicketThatIsNotInThisScriptStateIsAnIncidentNotASilentMove() {
        script("print(1)", true);
        ticket = ticket(STATE + 1, 6, "12");
        assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in script state " + STATE);
        ticket = ticket(STATE, 1, "12");
        assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("participant type 1");
        assertThat(lines).isEmpty();
        assertThat(moves).isEmpty();
    }

    @Test
    void aMissingDeletedOrInactiveScriptFails() {
        assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
                .hasMessage("script 12 of state 77 does not exist or has been deleted");
        script("print(1)", false);
        assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
                .hasMessage("script 12 (notify) of state 77 is not active");
        ticket = ticket(STATE, 6, "notify.py");
        assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
                .hasMessage("script state 77 names no script id: 'notify.py'");
        assertThat(lines).isEmpty();
        assertThat(moves).isEmpty();
    }

    @Test
    void aStateWithoutWayOutFailsBeforeTheScriptRuns() {
        when(execution.getCurrentActivityId()).thenReturn(BpmnContract.stateActivityId(STATE + 5));
        ticket = ticket(STATE + 5, 6, "12");
        script("raise SystemExit('must not run')", true); // would fail differently if it ran
        assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no outgoing transition");
        verify(scripts).findActive(anyLong());
        assertThat(lines).isEmpty();
    }

    @Test
    void outputLongerThanTheFlowLogColumnIsCutToFit() {
        script("print('z' * 20000)", true);
        delegate.execute(execution);
        String suggestion = lines.get(0).suggestion();
        assertThat(suggestion).hasSize(10_000).startsWith("zzz").endsWith("\n[truncated to fit the flow log]");
        verify(execution, never()).removeVariable(anyString());
    }
}
