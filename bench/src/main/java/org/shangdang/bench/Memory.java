package org.shangdang.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of a stage: resident set (Linux {@code VmHWM}, reset at the start of the stage where the kernel
 * allows it) and heap in use, sampled every 20 ms by a daemon thread. Close to stop sampling.
 * Thread-safe for one owner.
 */
final class Memory implements AutoCloseable {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private final boolean rssReset;
    private volatile long peakHeap;
    private volatile boolean running = true;

    private Memory() {
        rssReset = resetPeakRss();
        peakHeap = bean.getHeapMemoryUsage().getUsed();
        sampler = new Thread(this::sample, "bench-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts measuring. */
    static Memory track() {
        return new Memory();
    }

    long peakHeap() {
        return Math.max(peakHeap, bean.getHeapMemoryUsage().getUsed());
    }

    /** Peak resident set size of the process, in bytes; 0 when unknown. */
    long peakRss() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux.
        }
        return 0;
    }

    /** How to read {@link #peakRss()}: of this stage, or of the whole process so far. */
    String rssScope() {
        return rssReset ? "this stage" : "process so far";
    }

    private void sample() {
        while (running) {
            long used = bean.getHeapMemoryUsage().getUsed();
            if (used > peakHeap) {
                peakHeap = used;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Writing 5 to clear_refs resets VmHWM (Linux 4.0+); refused elsewhere. */
    private static boolean resetPeakRss() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
