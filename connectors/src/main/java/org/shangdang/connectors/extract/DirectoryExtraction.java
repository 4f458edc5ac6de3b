package org.shangdang.connectors.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The files of a watched directory, extracted one per {@link #next()}: the regular files under it (recursively,
 * hidden files skipped) are listed once when opened, in path order; files added later wait for the next run.
 * Every file yields an {@link Extraction}, extracted or rejected, so one bad file never ends the run.
 *
 * <p>Not thread-safe; the {@link ExtractionService} may be shared. {@link #close()} is idempotent, ends the
 * iteration and does not close the service.
 */
public final class DirectoryExtraction implements Iterator<Extraction>, AutoCloseable {

    private final ExtractionService service;
    private final String sourceId;
    private final Script script;
    private final Iterator<Path> files;
    private boolean closed;

    private DirectoryExtraction(ExtractionService service, String sourceId, Script script, List<Path> files) {
        this.service = service;
        this.sourceId = sourceId;
        this.script = script;
        this.files = files.iterator();
    }

    /**
     * @throws UncheckedIOException if the directory cannot be listed (a setup failure)
     */
    public static DirectoryExtraction open(ExtractionService service, String sourceId, Path directory, Script script) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(script, "script");
        return new DirectoryExtraction(service, sourceId, script, files(sourceId, directory));
    }

    /**
     * The files a run of a watched directory reads: its regular files, recursively, hidden files and directories
     * skipped, in path order.
     *
     * @throws UncheckedIOException if the directory cannot be listed (a setup failure)
     */
    public static List<Path> files(String sourceId, Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(directory.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("source " + sourceId + ": cannot list watched directory " + directory,
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean hasNext() {
        return !closed && files.hasNext();
    }

    @Override
    public Extraction next() {
        if (!hasNext()) {
            throw new NoSuchElementException("source " + sourceId + ": no more files");
        }
        return service.extract(sourceId, files.next(), script);
    }

    @Override
    public void close() {
        closed = true;
    }
}
