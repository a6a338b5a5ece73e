package io.loonflow.bpmn.automation.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a loonflow script (Python 3 source) in a separate {@code python3 -I} process: a small bootstrap reads the
 * input as JSON from stdin, sets CPU/memory/file-size rlimits, and {@code exec}s the source with the globals
 * {@code ticket_id}, {@code action_from} and {@code ticket}. The process gets an empty environment (only
 * {@code PATH}, {@code LANG}, {@code HOME}/{@code TMPDIR} pointing at a fresh temporary directory that is also its
 * working directory and is deleted afterwards), a wall-clock limit after which its whole process tree is killed, and
 * a cap on the captured output. At most {@code maxConcurrent} scripts run at once.
 *
 * <p>This bounds a script's resources; it is not a security boundary against a hostile author (the process runs as
 * the server's OS user). Operators wanting one configure a {@code commandPrefix} such as {@code bwrap} or
 * {@code nsjail}.
 */
public final class ScriptRunner {

    private static final Logger log = LoggerFactory.getLogger(ScriptRunner.class);

    static final String ERROR_MARKER = "\u0000loonflow-script-error:";
    private static final int STDERR_TAIL = 16 * 1024;
    private static final long READER_GRACE_MILLIS = 2_000;
    private static final String BOOTSTRAP = loadBootstrap();

    private final ScriptLimits limits;
    private final Semaphore slots;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public ScriptRunner(ScriptLimits limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.maxConcurrent(), true);
    }

    /** Runs {@code source}; returns what it printed, or throws {@link ScriptFailure}. Blocks the calling thread. */
    public String run(String source, ScriptInput input) {
        byte[] request = request(source, input);
        boolean acquired;
        try {
            acquired = slots.tryAcquire(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScriptFailure("interrupted while waiting for a free script slot", "");
        }
        if (!acquired) {
            throw new ScriptFailure("too many scripts running at once (loonflow.scripts.max-concurrent = "
                    + limits.maxConcurrent() + "); the job will be retried", "");
        }
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("loonflow-script-");
            return runIn(workDir, request);
        } catch (IOException e) {
            throw new ScriptFailure("could not start the script: " + e.getMessage(), "");
        } finally {
            slots.release();
            deleteTree(workDir);
        }
    }

    private String runIn(Path workDir, byte[] request) throws IOException {
        List<String> command = new ArrayList<>(limits.commandPrefix());
        command.addAll(List.of(limits.python(), "-I", "-X", "utf8", "-c", BOOTSTRAP));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", workDir.toString());
        env.put("TMPDIR", workDir.toString());

        long startedAt = System.nanoTime();
        Process process = builder.start();
        Capture stdout = new Capture(process.getInputStream(), limits.maxOutputBytes(), false);
        Capture stderr = new Capture(process.getErrorStream(), STDERR_TAIL, true);
        Thread writer = daemon("script-stdin", () -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(request);
            } catch (IOException e) {
                // the process died before reading its input; its exit status tells why
            }
        });
        writer.start();
        stdout.start();
        stderr.start();

        boolean finished;
        try {
            finished = process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            throw new ScriptFailure("interrupted while the script was running (killed)", stdout.text());
        }
        // whatever the script started goes too: its process group (while the leader still lives, on a timeout),
        // then the tree of descendants still attached to it
        killGroup(process.pid());
        if (!finished) {
            killTree(process);
        }
        stdout.await(READER_GRACE_MILLIS);
        stderr.await(READER_GRACE_MILLIS);
        String output = stdout.text();
        String errors = stderr.raw();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);

        if (!finished) {
            throw failure("script timed out after " + seconds(limits.timeout().toMillis()) + " (killed)", output,
                    errors);
        }
        int status = process.exitValue();
        if (status == 0) {
            log.debug("script finished in {} ms", millis);
            return output;
        }
        String reported = reportedError(errors);
        if (reported != null) {
            throw failure(reported, output, errors);
        }
        throw failure(exitDescription(status, errors), output, errors);
    }

    private String exitDescription(int status, String errors) {
        if (status > 128) {
            int signal = status - 128;
            String why = switch (signal) {
                case 24 -> " (CPU time limit of " + limits.cpuSeconds() + " s exceeded)";
                case 25 -> " (file size limit of " + limits.fileSizeBytes() + " bytes exceeded)";
                case 9 -> " (killed; e.g. the CPU time hard limit or the operating system)";
                default -> "";
            };
            return "script process killed by signal " + signal + why;
        }
        String last = lastLine(errors);
        return "script process exited with status " + status + (last.isEmpty() ? "" : ": " + last);
    }

    private ScriptFailure failure(String message, String output, String errors) {
        log.info("script failed: {}; stderr tail: {}", message, lastLine(errors));
        return new ScriptFailure(message, output);
    }

    private byte[] request(String source, ScriptInput input) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("source", source == null ? "" : source);
        request.put("ticket_id", input.ticketId());
        request.put("action_from", input.actionFrom());
        request.put("ticket", input.ticket());
        Map<String, Object> rlimits = new LinkedHashMap<>();
        rlimits.put("cpu", limits.cpuSeconds());
        rlimits.put("memory", limits.memoryBytes());
        rlimits.put("file_size", limits.fileSizeBytes());
        request.put("limits", rlimits);
        try {
            return json.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new ScriptFailure("the ticket values cannot be passed to the script: " + e.getOriginalMessage(), "");
        }
    }

    /** The error text the bootstrap reported as its last stderr line, if any. */
    private String reportedError(String errors) {
        int at = errors.lastIndexOf(ERROR_MARKER);
        if (at < 0) {
            return null;
        }
        int end = errors.indexOf('\n', at);
        String encoded = errors.substring(at + ERROR_MARKER.length(), end < 0 ? errors.length() : end);
        try {
            String text = json.readValue(encoded, String.class);
            return text == null || text.isBlank() ? null : text;
        } catch (IOException e) {
            return null;
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith(ERROR_MARKER)) {
                return line.length() > 500 ? line.substring(0, 500) : line;
            }
        }
        return "";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    /** Kills the process and every descendant still attached to it, children before parents. */
    private static void killTree(Process process) {
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> descendants = process.descendants().toList();
            if (descendants.isEmpty()) {
                break;
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The bootstrap makes itself a session and process group leader, so processes the script started and that
     * outlived it (even re-parented ones) share its process group: kill that group. Best effort. Linux does not reuse
     * a pid while a process group of that id exists; only after a normal exit with an empty group could the id in
     * theory be taken by a new group leader in the milliseconds before this runs (pids are allocated sequentially, so
     * that needs the pid space to wrap around in between).
     */
    private void killGroup(long pid) {
        if (!limits.commandPrefix().isEmpty()) {
            return; // the pid is the prefix's (bwrap, nsjail...), which cleans up after itself
        }
        for (String kill : List.of("/bin/kill", "/usr/bin/kill")) {
            if (Files.isExecutable(Path.of(kill))) {
                try {
                    Process killer = new ProcessBuilder(kill, "-KILL", "--", "-" + pid)
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    killer.waitFor(5, TimeUnit.SECONDS);
                } catch (IOException e) {
                    log.debug("could not kill process group {}: {}", pid, e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete the script directory {}: {}", dir, e.getMessage());
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String loadBootstrap() {
        try (InputStream in = ScriptRunner.class.getResourceAsStream("bootstrap.py")) {
            if (in == null) {
                throw new IllegalStateException("bootstrap.py is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one stream of the process to its end: keeps the first {@code cap} bytes (or, with {@code keepTail}, the
     * last ones) and discards the rest, so a chatty script never blocks on a full pipe.
     */
    private static final class Capture {

        private final InputStream in;
        private final int cap;
        private final boolean keepTail;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;
        private long total;

        Capture(InputStream in, int cap, boolean keepTail) {
            this.in = in;
            this.cap = cap;
            this.keepTail = keepTail;
            this.thread = daemon("script-output", this::pump);
        }

        void start() {
            thread.start();
        }

        private void pump() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (this) {
                        total += n;
                        if (keepTail) {
                            kept.write(buffer, 0, n);
                            if (kept.size() > 2 * cap) {
                                byte[] all = kept.toByteArray();
                                kept.reset();
                                kept.write(all, all.length - cap, cap);
                            }
                        } else if (kept.size() < cap) {
                            kept.write(buffer, 0, Math.min(n, cap - kept.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us (process killed): keep what arrived
            }
        }

        void await(long millis) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized String text() {
            String text = new String(kept.toByteArray(), StandardCharsets.UTF_8);
            return total > cap ? text + "\n[output truncated: more than " + cap + " bytes]" : text;
        }

        synchronized String raw() {
            byte[] all = kept.toByteArray();
            int from = Math.max(0, all.length - cap);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        }
    }
}
