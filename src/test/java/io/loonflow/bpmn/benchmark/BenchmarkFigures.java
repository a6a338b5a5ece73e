package io.loonflow.bpmn.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks print next to their latencies. */
final class BenchmarkFigures {

    private BenchmarkFigures() {
    }

    /** {@code /proc/loadavg}: the machine's load when a round starts, which the figures depend on. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The nearest-rank {@code percentile} of ascending {@code sortedNanos}, in milliseconds. */
    static double percentileMillis(long[] sortedNanos, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1_000_000.0;
    }
}
