package org.shangdang.connectors.iso2709;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A watched directory into which libraries (or their ILS's nightly export) drop MARC files: {@code .mrc},
 * {@code .iso}, {@code .marc}, {@code .dat} (ISO 2709) and {@code .xml} (MARCXML). Each {@link #poll} ingests every
 * complete file once and moves it aside.
 *
 * <p><b>Complete files.</b> A file is taken only when its last modification is at least the quiet period old, so
 * a file still being copied in is left alone; writers that can should copy to a name ending {@code .part} and
 * rename when done ({@code .part} files, hidden files and other extensions are never taken).
 *
 * <p><b>Once only.</b> A taken file is first moved (atomically where the file system can) to {@code processing/};
 * its records are handed to the sink; then the SHA-256 of its content is appended to the ledger
 * {@code .ingested-sha256} (one line {@code <hash> <name> <instant>}, forced to disk) and only then is it moved to
 * {@code done/} (or {@code failed/}) with {@code <name>.report.txt} beside it. So:
 * <ul>
 *   <li>a crash after the ledger line but before the move leaves a file in {@code processing/} whose hash the
 *       ledger has: the next poll moves it to {@code done/} without reading it again;</li>
 *   <li>a crash while records were being handed over leaves a file in {@code processing/} the ledger lacks: the next
 *       poll reads it again from the start, and records already stored are upserted by id, so nothing is lost or
 *       doubled;</li>
 *   <li>a file whose content was ingested before (dropped again, under any name) is moved to {@code done/} unread
 *       as {@link FileDropReport.Outcome#DUPLICATE}.</li>
 * </ul>
 * A name already present in {@code done/} or {@code failed/} gets a numeric suffix rather than overwriting it.
 *
 * <p><b>Failures.</b> Record failures are in the report and do not fail the file; a file with no accepted record or
 * that cannot be read is moved to {@code failed/}. Failed files are in the ledger too: a corrected export (new
 * content) is ingested when dropped; the same bytes dropped again are a duplicate. An exception from the sink (a setup failure such as an unwritable
 * record store) propagates and leaves the file in {@code processing/} for the next poll.
 *
 * <p>Not thread-safe: one poller per directory (a second process polling the same directory is not guarded against).
 */
public final class FileDrop {

    /** The quiet period when none is given. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(30);
    static final String LEDGER = ".ingested-sha256";
    private static final Set<String> EXTENSIONS = Set.of("mrc", "iso", "marc", "dat", "xml");

    private final String sourceId;
    private final Path inbox;
    private final Duration quietPeriod;
    private final Clock clock;

    /**
     * @param sourceId copied into every raw record
     * @param inbox the watched directory; {@code processing/}, {@code done/} and {@code failed/} are made inside it
     * @param quietPeriod how long a file must be unmodified before it is taken
     * @param clock for the quiet period and the ledger's timestamps
     * @throws UncheckedIOException if the directories cannot be made
     */
    public FileDrop(String sourceId, Path inbox, Duration quietPeriod, Clock clock) {
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("quietPeriod must not be negative; got: " + quietPeriod);
        }
        try {
            for (String dir : List.of("processing", "done", "failed")) {
                Files.createDirectories(inbox.resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("file drop " + sourceId + ": cannot make directories in " + inbox, e);
        }
    }

    /** The complete files waiting in the inbox (not in {@code processing/}), oldest name first. */
    public List<Path> pendingFiles() {
        Instant settled = clock.instant().minus(quietPeriod);
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile)
                    .filter(FileDrop::isMarcFile)
                    .filter(p -> lastModified(p).compareTo(settled) <= 0)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("file drop " + sourceId + ": cannot list " + inbox, e);
        }
    }

    /**
     * Finishes files a crash left in {@code processing/}, then ingests every pending file.
     *
     * @param sink receives every entry of every file read, accepted and rejected, in file order
     * @return one report per file moved aside, in the order handled
     * @throws UncheckedIOException if the directories or ledger cannot be read or written
     */
    public List<FileDropReport> poll(Consumer<MarcFileEntry> sink) {
        Objects.requireNonNull(sink, "sink");
        List<FileDropReport> reports = new ArrayList<>();
        try {
            Map<String, String> ledger = readLedger();
            List<Path> leftOver;
            try (Stream<Path> files = Files.list(inbox.resolve("processing"))) {
                leftOver = files.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : leftOver) {
                reports.add(ingest(file, sink, ledger));
            }
            for (Path file : pendingFiles()) {
                Path claimed = move(file, inbox.resolve("processing"));
                reports.add(ingest(claimed, sink, ledger));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("file drop " + sourceId + ": " + e.getMessage(), e);
        }
        return reports;
    }

    private FileDropReport ingest(Path file, Consumer<MarcFileEntry> sink, Map<String, String> ledger) throws IOException {
        String name = file.getFileName().toString();
        String hash = sha256(file);
        if (ledger.containsKey(hash)) {
            return finish(file, new FileDropReport(name, hash, FileDropReport.Outcome.DUPLICATE, inbox.resolve("done"), 0,
                    List.of(), Map.of(), "content already ingested as " + ledger.get(hash)));
        }
        int accepted = 0;
        List<MarcFileEntry.Rejected> rejected = new ArrayList<>();
        Map<MarcEncoding, Integer> encodings = new EnumMap<>(MarcEncoding.class);
        String failure = "";
        try (MarcFileReader reader = MarcFileReader.open(sourceId, file)) {
            while (reader.hasNext()) {
                MarcFileEntry entry = reader.next();
                try {
                    sink.accept(entry);
                } catch (RuntimeException e) {
                    throw new SinkFailed(e);
                }
                if (entry instanceof MarcFileEntry.Accepted a) {
                    accepted++;
                    encodings.merge(a.encoding(), 1, Integer::sum);
                } else {
                    rejected.add((MarcFileEntry.Rejected) entry);
                }
            }
        } catch (SinkFailed e) {
            // A setup failure downstream: the file stays in processing/ and is read again by the next poll.
            throw (RuntimeException) e.getCause();
        } catch (IOException | UncheckedIOException e) {
            failure = "cannot read: " + e.getMessage();
        }
        if (failure.isEmpty() && accepted == 0) {
            failure = rejected.isEmpty() ? "no MARC records found" : "every record was rejected";
        }
        appendLedger(hash, name);
        ledger.put(hash, name);
        FileDropReport.Outcome outcome = failure.isEmpty() ? FileDropReport.Outcome.DONE : FileDropReport.Outcome.FAILED;
        return finish(file, new FileDropReport(name, hash, outcome, inbox.resolve(outcome == FileDropReport.Outcome.FAILED
                ? "failed" : "done"), accepted, rejected, encodings, failure));
    }

    /** Moves the file to the report's directory and writes the report beside it. */
    private FileDropReport finish(Path file, FileDropReport report) throws IOException {
        Path moved = move(file, report.movedTo());
        FileDropReport done = new FileDropReport(report.fileName(), report.sha256(), report.outcome(), moved, report.accepted(),
                report.rejected(), report.encodings(), report.reason());
        Files.writeString(moved.resolveSibling(moved.getFileName() + ".report.txt"), done.text(), StandardCharsets.UTF_8);
        return done;
    }

    private static Path move(Path file, Path directory) throws IOException {
        String name = file.getFileName().toString();
        Path target = directory.resolve(name);
        for (int n = 1; Files.exists(target); n++) {
            target = directory.resolve(name + "." + n);
        }
        try {
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            return Files.move(file, target);
        }
    }

    private Map<String, String> readLedger() throws IOException {
        Map<String, String> ledger = new HashMap<>();
        Path path = inbox.resolve(LEDGER);
        if (Files.exists(path)) {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 3);
                if (parts.length >= 2 && parts[0].length() == 64) {
                    ledger.put(parts[0], parts[1]);
                }
            }
        }
        return ledger;
    }

    private void appendLedger(String hash, String name) throws IOException {
        // Forced to disk before the move: the ledger, not the directory, is what says "read".
        try (var channel = java.nio.channels.FileChannel.open(inbox.resolve(LEDGER), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap((hash + " " + name.replace(' ', '_') + " " + clock.instant() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Carries the sink's own exception past the reader's error handling. */
    private static final class SinkFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailed(RuntimeException cause) {
            super(cause);
        }
    }

    private static boolean isMarcFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            // Vanished or unreadable between listing and checking: not complete yet.
            return Instant.MAX;
        }
    }
}
