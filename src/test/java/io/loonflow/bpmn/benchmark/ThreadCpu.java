package io.loonflow.bpmn.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU time of this JVM's threads by kind, read from {@code /proc/self/task} (Linux): the service's request threads,
 * the load client, the JIT compilers, the garbage collector and the rest. The per-call CPU time alone cannot tell a
 * slower service from a JIT still compiling; the split can. Resolution is the kernel's clock tick (10 ms), ample
 * for rounds of seconds. Empty where {@code /proc} is not readable.
 */
final class ThreadCpu {

    /** Name prefix of the benchmark's own client threads. */
    static final String CLIENT_THREAD_PREFIX = "bench-client-";

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ: 100 on Linux's usual builds

    private final Map<Long, Long> ticksByThread;
    private final Map<Long, String> kindByThread;

    private ThreadCpu(Map<Long, Long> ticksByThread, Map<Long, String> kindByThread) {
        this.ticksByThread = ticksByThread;
        this.kindByThread = kindByThread;
    }

    static ThreadCpu now() {
        Map<Long, Long> ticks = new HashMap<>();
        Map<Long, String> kinds = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (name) state ..." - the name may hold spaces and parentheses, so split after the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] rest = stat.substring(close + 2).split(" ");
                    long tid = Long.parseLong(stat.substring(0, open).trim());
                    ticks.put(tid, Long.parseLong(rest[11]) + Long.parseLong(rest[12])); // utime + stime
                    kinds.put(tid, kindOf(stat.substring(open + 1, close)));
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended while being read: its time is lost to the split, not to the total
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(Map.of(), Map.of());
        }
        return new ThreadCpu(ticks, kinds);
    }

    static String kindOf(String threadName) {
        if (threadName.startsWith("http-nio")) {
            return "requests";
        }
        if (threadName.startsWith(CLIENT_THREAD_PREFIX)) {
            return "client";
        }
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "gc";
        }
        return "other";
    }

    /** The share of {@code kind} in the CPU time all threads spent between {@code before} and this snapshot. */
    double shareSince(ThreadCpu before, String kind) {
        long all = 0;
        long ofKind = 0;
        for (Map.Entry<Long, Long> thread : ticksByThread.entrySet()) {
            long ticks = thread.getValue() - before.ticksByThread.getOrDefault(thread.getKey(), 0L);
            all += ticks;
            if (kind.equals(kindByThread.get(thread.getKey()))) {
                ofKind += ticks;
            }
        }
        return all == 0 ? 0 : (double) ofKind / all;
    }

    /** Milliseconds per call spent by each kind of thread between {@code before} and this snapshot. */
    String perCallSince(ThreadCpu before, int calls) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (String kind : new String[] {"requests", "client", "jit", "gc", "other"}) {
            nanos.put(kind, 0L);
        }
        ticksByThread.forEach((tid, ticks) -> nanos.merge(kindByThread.get(tid),
                (ticks - before.ticksByThread.getOrDefault(tid, 0L)) * NANOS_PER_TICK, Long::sum));
        StringJoiner split = new StringJoiner(", ");
        nanos.forEach((kind, n) -> split.add(String.format(Locale.ROOT, "%s %.2f", kind, n / 1e6 / calls)));
        return split.toString();
    }
}
