package org.shangdang.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a benchmark table must say about its run: the command, the commit, the machine and the JVM.
 *
 * @param command the runner's command line
 * @param commit  {@code git rev-parse --short HEAD}, with {@code +dirty} when the tree has changes; {@code unknown}
 *                outside a clone
 * @param cores   available processors
 * @param memory  physical memory, from {@code /proc/meminfo}
 * @param maxHeap the JVM's maximum heap
 * @param java    the JVM's version and vendor
 */
record RunInfo(String command, String commit, int cores, long memory, long maxHeap, String java) {

    static RunInfo current(String command) {
        return new RunInfo(command, gitCommit(), Runtime.getRuntime().availableProcessors(), physicalMemory(),
                Runtime.getRuntime().maxMemory(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    /** The lines printed above every table. */
    String header() {
        return "command: java -jar bench/target/shangdang-bench.jar " + command + "\n"
                + "commit: " + commit + "\n"
                + String.format("machine: %d cores, %s memory, %s, max heap %s, %s%n", cores, Sizes.bytes(memory),
                        System.getProperty("os.name") + " " + System.getProperty("os.arch"), Sizes.bytes(maxHeap), java)
                + "jvm arguments: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + "\n"
                + "load average when printed (1, 5, 15 min): " + loadAverage();
    }

    /** Other work on the machine moves every figure: the table says how busy it was. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static String gitCommit() {
        Optional<String> head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not run from a git clone)";
        }
        boolean dirty = git("status", "--porcelain", "--untracked-files=no").map(s -> !s.isBlank()).orElse(false);
        return head.get().strip() + (dirty ? "+dirty (uncommitted changes in the tree)" : "");
    }

    private static Optional<String> git(String... args) {
        try {
            Process process = new ProcessBuilder(concat(args)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static List<String> concat(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return command;
    }

    private static long physicalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux: fall through to "unknown" (0).
        }
        return 0;
    }
}
