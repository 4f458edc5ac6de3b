package org.shangdang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Formatting of sizes, rates and durations for the tables, and directory sizes. Stateless; thread-safe. */
final class Sizes {

    private Sizes() {
    }

    static String bytes(long bytes) {
        if (bytes <= 0) {
            return "unknown";
        }
        if (bytes >= 1L << 30) {
            return String.format("%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format("%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format("%.1f KiB", bytes / 1024.0);
    }

    static String rate(long count, long nanos) {
        return nanos <= 0 ? "n/a" : String.format("%,.0f", count / (nanos / 1e9));
    }

    static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }

    static String millis(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    /** Total size of the regular files under a directory. */
    static long directorySize(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    // A Lucene file deleted by a merge while walking: it no longer counts.
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The directory holding the segments of the embedded index at {@code dir}: the generation named by
     * {@link org.shangdang.indexer.lucene.LuceneSearchIndex#CURRENT} when there is one, else {@code dir} itself
     * (an index from before generations, or none yet).
     */
    static Path liveIndex(Path dir) {
        Path current = dir.resolve(org.shangdang.indexer.lucene.LuceneSearchIndex.CURRENT);
        if (!Files.isRegularFile(current)) {
            return dir;
        }
        try {
            return dir.resolve(Files.readString(current).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + current + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a directory tree if present. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
