package io.loonflow.bpmn.automation;

/**
 * A hook delivery that did not succeed. Thrown out of the job, so the engine retries it per the retry cycle and at
 * last raises an incident whose message is this one (it also becomes the suggestion of the ticket's failure line,
 * which every reader of the flow log sees: it never names the URL, the token or the signature).
 */
public class HookFailure extends RuntimeException {

    public HookFailure(String message) {
        super(message);
    }

    public HookFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
