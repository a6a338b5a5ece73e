package io.loonflow.bpmn.automation.script;

/**
 * A script run that did not succeed: a Python exception (the message is {@code Type: text}), a non-zero exit, a
 * time or resource limit, or a runner problem (python missing, too many scripts at once). Thrown out of the script
 * job, it makes the engine retry the job and finally raise an incident.
 */
public class ScriptFailure extends RuntimeException {

    private final String output;

    public ScriptFailure(String message, String output) {
        super(message);
        this.output = output == null ? "" : output;
    }

    /** What the script printed before it failed (possibly empty). */
    public String output() {
        return output;
    }
}
