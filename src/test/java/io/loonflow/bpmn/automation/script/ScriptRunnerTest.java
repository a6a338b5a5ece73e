package io.loonflow.bpmn.automation.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Runs real {@code python3} processes (the build machine and CI have Python 3.11). */
class ScriptRunnerTest {

    private static final long MiB = 1024 * 1024;
    /** The real interpreter behind {@code python3} (a pyenv shim would add seconds and variables of its own). */
    static final String PYTHON = realPython();

    private static ScriptLimits limits(Duration timeout, int maxOutput, long cpu, long memory, int concurrent) {
        return new ScriptLimits(PYTHON, List.of(), timeout, maxOutput, cpu, memory, 16 * MiB, concurrent);
    }

    private final ScriptRunner runner = new ScriptRunner(limits(Duration.ofSeconds(20), 64 * 1024, 10, 512 * MiB, 4));

    private static ScriptInput input() {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("id", 42);
        ticket.put("title", "请假 leave");
        ticket.put("days", 3);
        ticket.put("unset_field", null);
        return new ScriptInput(42, "loonrobot", ticket);
    }

    @Test
    void printedOutputIsTheResultAndTheGlobalsAreTheTicket() {
        String output = runner.run("""
                print("ticket", ticket_id, type(ticket_id).__name__)
                print("from", action_from)
                print(ticket["title"], ticket["days"] + 1, ticket["unset_field"])
                print(sorted(k for k in globals() if not k.startswith("__")))
                """, input());
        assertThat(output).isEqualTo("""
                ticket 42 int
                from loonrobot
                请假 leave 4 None
                ['action_from', 'ticket', 'ticket_id']
                """);
    }

    @Test
    void anExceptionFailsWithItsTypeAndMessageAndKeepsTheOutputSoFar() {
        assertThatThrownBy(() -> runner.run("print('before')\nraise ValueError('the manager is on leave')\n", input()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo("ValueError: the manager is on leave");
                    assertThat(failure.output()).isEqualTo("before\n");
                });
        assertThatThrownBy(() -> runner.run("{}['missing']", input()))
                .isInstanceOf(ScriptFailure.class).hasMessage("KeyError: 'missing'");
    }

    @Test
    void aSyntaxErrorFailsWithTheLine() {
        assertThatThrownBy(() -> runner.run("x = 1\nif x\n    print(x)\n", input()))
                .isInstanceOf(ScriptFailure.class)
                .hasMessageStartingWith("SyntaxError: ")
                .hasMessageContaining("line 2");
    }

    @Test
    void aNonZeroExitFails() {
        assertThatThrownBy(() -> runner.run("import sys\nsys.exit(3)", input()))
                .isInstanceOf(ScriptFailure.class).hasMessage("SystemExit: 3");
        assertThatThrownBy(() -> runner.run("import os\nprint('x', flush=True)\nos._exit(4)", input()))
                .isInstanceOfSatisfying(ScriptFailure.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo("script process exited with status 4");
                    assertThat(failure.output()).isEqualTo("x\n");
                });
        assertThat(runner.run("import sys\nprint('done')\nsys.exit(0)", input())).isEqualTo("done\n");
    }

    @Test
    void aScriptRunningPastTheTimeLimitIsKilledWithItsChildren() throws Exception {
        ScriptRunner quick = new ScriptRunner(limits(Duration.ofMillis(1500), 1024, 0, 0, 1));
        long started = System.nanoTime();
        ScriptFailure failure = catchFailure(() -> quick.run("""
                import subprocess
                child = subprocess.Popen(["sleep", "300"])
                print(child.pid, flush=True)
                while True:
                    pass
                """, input()));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(failure.getMessage()).isEqualTo("script timed out after 1500 ms (killed)");
        assertThat(millis).isBetween(1400L, 10_000L);
        long child = Long.parseLong(failure.output().strip());
        waitUntilGone(child);
    }

    @Test
    void aProcessLeftBehindBySuccessfulScriptIsKilled() throws Exception {
        String output = runner.run("""
                import subprocess
                child = subprocess.Popen(["sleep", "300"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                print(child.pid)
                """, input());
        waitUntilGone(Long.parseLong(output.strip()));
    }

    @Test
    void theOutputIsCappedWithAMarker() {
        ScriptRunner small = new ScriptRunner(limits(Duration.ofSeconds(20), 100, 10, 0, 1));
        String output = small.run("for i in range(100000):\n    print('x' * 50)\n", input());
        assertThat(output).startsWith("x".repeat(50) + "\n")
                .endsWith("\n[output truncated: more than 100 bytes]")
                .hasSize(100 + "\n[output truncated: more than 100 bytes]".length());
        assertThat(small.run("print('y' * 99)", input())).isEqualTo("y".repeat(99) + "\n");
    }

    @Test
    void theJvmEnvironmentIsNotVisible() {
        String output = runner.run("import os\nprint(sorted(os.environ))", input());
        assertThat(output.strip()).isEqualTo("['HOME', 'LANG', 'PATH', 'TMPDIR']");
        String secret = System.getenv().keySet().stream()
                .filter(name -> !Set.of("HOME", "LANG", "PATH", "TMPDIR").contains(name)).findFirst().orElseThrow();
        assertThat(runner.run("import os\nprint(os.environ.get('" + secret + "', 'absent'))", input()))
                .isEqualTo("absent\n");
    }

    @Test
    void theWorkingDirectoryIsAFreshTemporaryDirectoryDeletedAfterwards() {
        String output = runner.run("""
                import os
                print(os.getcwd())
                print(os.listdir("."))
                open("scratch.txt", "w").write("data")
                """, input());
        String[] lines = output.split("\n");
        Path dir = Path.of(lines[0]);
        assertThat(dir.getFileName().toString()).startsWith("loonflow-script-");
        assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        assertThat(lines[1]).isEqualTo("[]");
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void stdinIsClosedAndIsolatedModeIgnoresTheScriptDirectory() {
        assertThatThrownBy(() -> runner.run("input()", input())).isInstanceOf(ScriptFailure.class)
                .hasMessageStartingWith("EOFError");
        assertThat(runner.run("import sys\nprint(sys.flags.isolated, sys.flags.utf8_mode)", input()))
                .isEqualTo("1 1\n");
    }

    @Test
    void theMemoryLimitStopsABigAllocation() {
        ScriptRunner bounded = new ScriptRunner(limits(Duration.ofSeconds(20), 1024, 10, 256 * MiB, 1));
        assertThatThrownBy(() -> bounded.run("block = bytearray(1024 * 1024 * 1024)", input()))
                .isInstanceOf(ScriptFailure.class).hasMessage("MemoryError");
    }

    @Test
    void theCpuLimitStopsABusyLoop() {
        ScriptRunner bounded = new ScriptRunner(limits(Duration.ofSeconds(30), 1024, 1, 0, 1));
        assertThatThrownBy(() -> bounded.run("while True:\n    pass", input()))
                .isInstanceOf(ScriptFailure.class)
                .hasMessageStartingWith("script process killed by signal");
    }

    @Test
    void aMissingPythonIsAFailure() {
        ScriptRunner broken = new ScriptRunner(new ScriptLimits("/nonexistent/python3", List.of(),
                Duration.ofSeconds(5), 1024, 0, 0, 0, 1));
        assertThatThrownBy(() -> broken.run("print(1)", input())).isInstanceOf(ScriptFailure.class)
                .hasMessageStartingWith("could not start the script");
    }

    @Test
    void theCommandPrefixWrapsThePythonCommand() {
        ScriptRunner wrapped = new ScriptRunner(new ScriptLimits(PYTHON, List.of("env", "WRAPPED=yes"),
                Duration.ofSeconds(20), 1024, 0, 0, 0, 1));
        assertThat(wrapped.run("import os\nprint(os.environ['WRAPPED'])", input())).isEqualTo("yes\n");
    }

    @Test
    void noMoreThanMaxConcurrentScriptsRunAtOnce() throws Exception {
        assertThat(overlapping(1)).isFalse();
        assertThat(overlapping(2)).isTrue();
    }

    /** Do two scripts started together, each sleeping 0.8 s, run at the same time with this many slots? */
    private static boolean overlapping(int slots) throws Exception {
        ScriptRunner runner = new ScriptRunner(limits(Duration.ofSeconds(20), 1024, 0, 0, slots));
        String script = "import time\nstart = time.time()\ntime.sleep(0.8)\nprint(start, time.time())";
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = threads.submit(() -> runner.run(script, input()));
            Future<String> second = threads.submit(() -> runner.run(script, input()));
            double[] a = times(first.get(30, TimeUnit.SECONDS));
            double[] b = times(second.get(30, TimeUnit.SECONDS));
            return a[0] < b[1] && b[0] < a[1];
        } finally {
            threads.shutdownNow();
        }
    }

    private static double[] times(String output) {
        String[] parts = output.strip().split(" ");
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
    }

    static String realPython() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true).start();
            String path = new String(process.getInputStream().readAllBytes()).strip();
            assertThat(process.waitFor()).as(path).isZero();
            return path;
        } catch (Exception e) {
            throw new IllegalStateException("python3 is needed for the script tests", e);
        }
    }

    private static ScriptFailure catchFailure(Runnable run) {
        try {
            run.run();
        } catch (ScriptFailure failure) {
            return failure;
        }
        throw new AssertionError("expected a ScriptFailure");
    }

    private static void waitUntilGone(long pid) throws InterruptedException {
        for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse();
    }
}
