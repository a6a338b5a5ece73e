package io.loonflow.bpmn.ticket.expression;

/**
 * Python's {@code datetime.timedelta}, held as a whole number of microseconds. Python normalises it to
 * days (may be negative), seconds (0..86399) and microseconds (0..999999); the accessors do the same.
 */
final class PyTimedelta {

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    final long micros;

    PyTimedelta(long micros) {
        this.micros = micros;
    }

    long days() {
        return Math.floorDiv(micros, MICROS_PER_DAY);
    }

    long seconds() {
        return Math.floorMod(micros, MICROS_PER_DAY) / MICROS_PER_SECOND;
    }

    long microseconds() {
        return Math.floorMod(micros, MICROS_PER_SECOND);
    }

    /** Python's {@code str(timedelta)}: {@code -1 day, 23:59:59.500000}. */
    String str() {
        long secs = seconds();
        String text = String.format("%d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60);
        long days = days();
        if (days != 0) {
            text = days + (Math.abs(days) == 1 ? " day, " : " days, ") + text;
        }
        if (microseconds() != 0) {
            text = text + String.format(".%06d", microseconds());
        }
        return text;
    }

    /** Python 3.7+'s {@code repr(timedelta)}: {@code datetime.timedelta(days=1, seconds=5)}. */
    String repr() {
        StringBuilder parts = new StringBuilder();
        if (days() != 0) {
            parts.append("days=").append(days());
        }
        if (seconds() != 0) {
            parts.append(parts.length() > 0 ? ", " : "").append("seconds=").append(seconds());
        }
        if (microseconds() != 0) {
            parts.append(parts.length() > 0 ? ", " : "").append("microseconds=").append(microseconds());
        }
        return "datetime.timedelta(" + (parts.length() == 0 ? "0" : parts) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PyTimedelta && ((PyTimedelta) other).micros == micros;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(micros);
    }
}
