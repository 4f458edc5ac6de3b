package org.shangdang.connectors.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child JVM running {@link ExtractorMain}, spoken to one line at a time. A reader thread per stream keeps
 * the child from blocking on a full pipe; stderr's last lines are kept for diagnosis. Used by one thread at a
 * time (its {@link ExtractionService} worker).
 */
final class ChildProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());
    private static final String EOF = "\u0000EOF";
    private static final int STDERR_LINES = 20;

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stderrTail = new ArrayList<>();
    private volatile boolean stdoutClosed;

    private ChildProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), "stdout", line -> stdout.add(line));
        pump(process.getErrorStream(), "stderr", this::keepStderr);
        pumpEof();
    }

    /**
     * Starts a child and waits until its parsers are loaded.
     *
     * @throws IOException if it cannot be started or does not become ready within {@code startupTimeout}
     */
    static ChildProcess start(ChildJvm jvm, int heapMegabytes, Duration startupTimeout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jvm.java().toString());
        command.add("-Xmx" + heapMegabytes + "m");
        // Exit at once, with code 3, rather than limp on after an OutOfMemoryError in a parser.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.awt.headless=true");
        command.add("-Dfile.encoding=UTF-8");
        command.addAll(jvm.jvmOptions());
        command.add("-cp");
        command.add(jvm.classPath());
        command.add(jvm.mainClass());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        ChildProcess child = new ChildProcess(builder.start());
        Optional<String> ready = child.readLine(startupTimeout);
        if (ready.isEmpty() || !ready.get().equals(ChildProtocol.READY)) {
            child.kill();
            throw new IOException("extraction child did not start within " + startupTimeout.toSeconds() + " s"
                    + ready.map(l -> "; said: " + l).orElse("") + "; stderr: " + child.stderrTail());
        }
        return child;
    }

    /**
     * Sends a line and waits for the answer.
     *
     * @return the answer; empty if none came in time or the child died (see {@link #isAlive()})
     */
    Optional<String> exchange(String line, Duration timeout) throws IOException {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
        return readLine(timeout);
    }

    private Optional<String> readLine(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                String line = stdout.poll(left, TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    if (line != null) {
                        stdoutClosed = true;
                        stdout.add(EOF);
                    }
                    return Optional.empty();
                }
                if (line.startsWith("{") || line.equals(ChildProtocol.READY)) {
                    return Optional.of(line);
                }
                // Native code may still write to fd 1; such lines are not answers.
                keepStderr(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Whether the child closed its stdout: it is dying, even if {@link #isAlive()} has not caught up yet, so a
     * missing answer is a crash, not a timeout.
     */
    boolean closedOutput() {
        return stdoutClosed;
    }

    long pid() {
        return process.pid();
    }

    /** The exit code, waiting briefly for the process to end; empty if it is still running. */
    Optional<Integer> exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    synchronized String stderrTail() {
        return String.join(" | ", stderrTail);
    }

    /**
     * Kills the child and anything it started (a Tesseract process), and waits a bounded time until they are gone,
     * so that no stuck OCR process outlives its file. Idempotent.
     */
    void kill() {
        // Listed before the child dies: once it is gone, what it started is no longer its descendant.
        List<ProcessHandle> started = process.descendants().toList();
        started.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle handle : started) {
                handle.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Already sent SIGKILL: a process not yet reaped cannot be hurried from here.
            LOG.log(Level.WARNING, "extraction child {0}: a process it started was killed but has not exited: {1}",
                    process.pid(), e.toString());
        }
    }

    /** Closes stdin, so the child ends its loop, then kills it if it has not exited. */
    @Override
    public void close() {
        try {
            stdin.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private synchronized void keepStderr(String line) {
        stderrTail.add(line.length() > 300 ? line.substring(0, 300) : line);
        if (stderrTail.size() > STDERR_LINES) {
            stderrTail.remove(0);
        }
    }

    private Thread stdoutPump;

    private void pump(InputStream stream, String name, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "extraction child {0}: {1} closed: {2}", process.pid(), name, e.getMessage());
            }
        }, "extract-child-" + process.pid() + "-" + name);
        thread.setDaemon(true);
        thread.start();
        if (name.equals("stdout")) {
            stdoutPump = thread;
        }
    }

    /** Marks the end of stdout once its pump ends, so a waiting exchange returns at once when the child dies. */
    private void pumpEof() {
        Thread thread = new Thread(() -> {
            try {
                stdoutPump.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stdout.add(EOF);
        }, "extract-child-" + process.pid() + "-eof");
        thread.setDaemon(true);
        thread.start();
    }
}
