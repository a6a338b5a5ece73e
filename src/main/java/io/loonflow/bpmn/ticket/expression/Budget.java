package io.loonflow.bpmn.ticket.expression;

import java.util.function.Supplier;

/**
 * A per-evaluation allowance of work. The length and nesting limits bound the number of operations, but one
 * operation can still be large (comparing or printing lists that share nested lists, searching long strings), so
 * the loops that walk values charge steps here; an evaluation that runs out fails instead of hogging a CPU.
 * One step is roughly one element visited or eight characters scanned.
 */
final class Budget {

    static final long STEPS = 2_000_000L;

    private static final ThreadLocal<long[]> LEFT = new ThreadLocal<>();

    private Budget() {
    }

    static <T> T run(Supplier<T> work) {
        long[] outer = LEFT.get();
        LEFT.set(new long[] {STEPS});
        try {
            return work.get();
        } finally {
            if (outer == null) {
                LEFT.remove();
            } else {
                LEFT.set(outer);
            }
        }
    }

    static void charge(long steps) {
        long[] left = LEFT.get();
        if (left != null) {
            left[0] -= steps;
            if (left[0] < 0) {
                throw ConditionException.limit("the expression needs too much work to evaluate (more than "
                        + STEPS + " steps)");
            }
        }
    }

    /** Scanning or building {@code chars} characters. */
    static void chargeText(long chars) {
        charge(1 + chars / 8);
    }
}
