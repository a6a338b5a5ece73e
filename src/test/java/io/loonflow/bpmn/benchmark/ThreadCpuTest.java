package io.loonflow.bpmn.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The benchmark's CPU split by kind of thread, which also decides when its warm-up has settled. */
class ThreadCpuTest {

    @Test
    void threadsAreSortedIntoKindsByName() {
        assertThat(ThreadCpu.kindOf("http-nio-auto-1-exec-3")).isEqualTo("requests");
        assertThat(ThreadCpu.kindOf(ThreadCpu.CLIENT_THREAD_PREFIX + "2")).isEqualTo("client");
        assertThat(ThreadCpu.kindOf("C2 CompilerThre")).isEqualTo("jit");
        assertThat(ThreadCpu.kindOf("C1 CompilerThre")).isEqualTo("jit");
        assertThat(ThreadCpu.kindOf("GC Thread#0")).isEqualTo("gc");
        assertThat(ThreadCpu.kindOf("main")).isEqualTo("other");
    }

    @Test
    void theShareOfAKindIsItsPartOfTheCpuTimeBetweenTwoSnapshots() throws InterruptedException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
        ThreadCpu before = ThreadCpu.now();
        long processBefore = processCpuNanos();
        AtomicLong clientCpu = new AtomicLong();
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        // a thread's time leaves /proc/self/task with it: the client stays alive until the second snapshot
        Thread busyClient = new Thread(() -> {
            spinFor300Millis();
            clientCpu.set(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            spun.countDown();
            awaitQuietly(measured);
        }, ThreadCpu.CLIENT_THREAD_PREFIX + "test");
        busyClient.start();
        spun.await();
        ThreadCpu after = ThreadCpu.now();
        long processCpu = processCpuNanos() - processBefore;
        measured.countDown();
        busyClient.join();

        // the JVM's other threads (the JIT above all) run too, so the expected share is the client's part of the
        // process's CPU time, measured independently; /proc counts in 10 ms ticks
        double expected = (double) clientCpu.get() / processCpu;
        assertThat(after.shareSince(before, "client")).isCloseTo(expected, within(0.1));
        assertThat(after.shareSince(before, "client")).isGreaterThan(0.1);
        assertThat(after.shareSince(after, "client")).isZero();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void spinFor300Millis() {
        long end = System.nanoTime() + 300_000_000L;
        long sink = 0;
        while (System.nanoTime() < end) {
            sink += System.nanoTime() % 7;
        }
        if (sink == 42) {
            System.out.println(sink); // keeps the loop from being removed
        }
    }
}
