package org.shangdang.connectors.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures extraction throughput and peak memory over a directory (by default shared/corpus/docs) with N workers:
 * documents per second, and the peak resident memory of the child JVMs plus whatever they start (Tesseract),
 * sampled every 50 ms from {@code /proc}, and of this JVM. Not a test; run by hand, e.g.
 * {@code java -cp <connectors test class path> org.shangdang.connectors.extract.ExtractionLoadDriver ../shared/corpus/docs 2 ocr}
 * (last argument {@code ocr} or {@code no-ocr}; each run extracts every file {@code rounds} times, default 2,
 * the first round warming the children up and not counted).
 */
public final class ExtractionLoadDriver {

    private ExtractionLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/corpus/docs");
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        boolean ocr = args.length <= 2 || args[2].equals("ocr");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        OcrSettings settings = ocr ? OcrSettings.DEFAULT : OcrSettings.DEFAULT.withTesseractCommand("/nonexistent/tesseract");
        AtomicLong peakChildrenKb = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long total = ProcessHandle.current().descendants().mapToLong(p -> rssKb(p.pid(), "VmRSS")).sum();
                peakChildrenKb.accumulateAndGet(total, Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try (ExtractionService service = ExtractionService.start(workers, ExtractionLimits.DEFAULT, settings)) {
            for (int round = 1; round <= rounds; round++) {
                ConcurrentLinkedQueue<Path> queue = new ConcurrentLinkedQueue<>(files);
                AtomicInteger extracted = new AtomicInteger();
                AtomicInteger rejected = new AtomicInteger();
                java.util.Map<String, Long> millis = new java.util.concurrent.ConcurrentHashMap<>();
                long start = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(workers);
                for (int i = 0; i < workers; i++) {
                    pool.submit(() -> {
                        Path file;
                        while ((file = queue.poll()) != null) {
                            long t0 = System.nanoTime();
                            Extraction outcome = service.extract("load", file, Script.UNKNOWN);
                            millis.put(dir.relativize(file).toString(), (System.nanoTime() - t0) / 1_000_000);
                            (outcome instanceof Extraction.Extracted ? extracted : rejected).incrementAndGet();
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.HOURS);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d%s: %d files (%.1f MB), %d extracted, %d rejected, %d workers, OCR %s: "
                                + "%.1f s, %.2f documents/s; children replaced so far %d%n",
                        round, round == 1 && rounds > 1 ? " (warm-up)" : "", files.size(), bytes / 1e6, extracted.get(),
                        rejected.get(), workers, ocr ? "on" : "off", seconds, files.size() / seconds,
                        service.replacedChildren());
                System.out.println("  slowest: " + millis.entrySet().stream()
                        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                        .map(e -> e.getKey() + " " + e.getValue() + " ms").toList());
            }
        }
        sampler.interrupt();
        System.out.printf("peak RSS: children (JVMs + Tesseract) %.0f MB, this JVM %.0f MB%n",
                peakChildrenKb.get() / 1024.0, rssKb(ProcessHandle.current().pid(), "VmHWM") / 1024.0);
    }

    private static long rssKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between listing and reading.
        }
        return 0;
    }
}
