package org.shangdang.connectors.extract;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which files of a watched directory were already read, so that a file is read once unless it changes: one line per
 * file read, {@code <path> TAB <size> TAB <last-modified ms> TAB <outcome>}, appended to a UTF-8 text file (the
 * file-drop ledger's idea, keyed by path and modification rather than content, so nothing is read to decide). The
 * last line of a path wins; outcome {@value #GONE} forgets it. Files are never moved: their {@code file:} URL is the
 * record's id and media link.
 *
 * <p>A file counts as {@linkplain #isCurrent read} while its size and modification time are those recorded; the
 * caller records the values it saw <em>before</em> reading, so a file changed while being read is read again.
 * Thread-safe; every line is flushed as it is written, so a crash loses at most the line being written.
 */
public final class ExtractionLedger {

    /** The outcome that removes a path (its file was deleted). */
    public static final String GONE = "GONE";

    /** A file as the ledger knows it. */
    public record Entry(long size, long modifiedMillis, String outcome) {
    }

    private final Path file;
    private final Map<String, Entry> entries;

    private ExtractionLedger(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Reads the ledger; a missing file is an empty ledger. Lines that cannot be parsed (a torn last line) are skipped.
     *
     * @throws UncheckedIOException if it exists but cannot be read
     */
    public static ExtractionLedger open(Path file) {
        Objects.requireNonNull(file, "file");
        Map<String, Entry> entries = new HashMap<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] parts = line.split("\t", -1);
                    if (parts.length != 4) {
                        continue;
                    }
                    try {
                        if (parts[3].equals(GONE)) {
                            entries.remove(parts[0]);
                        } else {
                            entries.put(parts[0], new Entry(Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]));
                        }
                    } catch (NumberFormatException e) {
                        // A line torn by a crash: its file is read again, which is safe.
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the extraction ledger " + file, e);
            }
        }
        return new ExtractionLedger(file, entries);
    }

    /** Whether {@code path} was read with this size and modification time. */
    public synchronized boolean isCurrent(Path path, long size, Instant modified) {
        Entry entry = entries.get(key(path));
        return entry != null && entry.size() == size && entry.modifiedMillis() == modified.toEpochMilli();
    }

    /** The files the ledger holds that are not among {@code present} (deleted or moved away since), sorted. */
    public synchronized List<Path> missing(Collection<Path> present) {
        Set<String> keys = new HashSet<>();
        present.forEach(p -> keys.add(key(p)));
        return entries.keySet().stream().filter(k -> !keys.contains(k)).sorted().map(ExtractionLedger::path).toList();
    }

    /**
     * Records that {@code path}, of this size and modification time, was read with this outcome (e.g.
     * {@code EXTRACTED}, or a {@link RejectReason} name).
     *
     * @throws UncheckedIOException if the ledger cannot be written (a setup failure)
     */
    public synchronized void record(Path path, long size, Instant modified, String outcome) {
        Objects.requireNonNull(outcome, "outcome");
        append(List.of(key(path), String.valueOf(size), String.valueOf(modified.toEpochMilli()), outcome));
        entries.put(key(path), new Entry(size, modified.toEpochMilli(), outcome));
    }

    /** Forgets a file that is gone; if it comes back it is read again. */
    public synchronized void forget(Path path) {
        append(List.of(key(path), "0", "0", GONE));
        entries.remove(key(path));
    }

    /** The absolute path, with '%', tab and line breaks percent-encoded so that any file name fits on one line. */
    private static String key(Path path) {
        return path.toAbsolutePath().normalize().toString()
                .replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
    }

    private static Path path(String key) {
        return Path.of(key.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%"));
    }

    private void append(List<String> fields) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                out.write(String.join("\t", fields));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the extraction ledger " + file, e);
        }
    }
}
