package org.shangdang.connectors.iso2709;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;

/**
 * A pull-style reader of the records of one MARC file: {@link #hasNext()}/{@link #next()} like marc4j's
 * {@code MarcReader}, yielding an {@link MarcFileEntry} per record found, so that nothing in the file is
 * silently dropped.
 *
 * <p>Not thread-safe. {@link #close()} closes the underlying stream and is idempotent. {@link #hasNext()} and
 * {@link #next()} throw {@link UncheckedIOException} when the file itself cannot be read (a setup failure, not a
 * record failure).
 */
public interface MarcFileReader extends Iterator<MarcFileEntry>, AutoCloseable {

    @Override
    void close();

    /**
     * Opens a file, choosing the reader by its content: MARCXML when its first non-blank byte (after a BOM) is
     * {@code <}, ISO 2709 otherwise. Records without a 005 get the file's modification time as datestamp.
     *
     * @param sourceId copied into every raw record
     * @throws IOException if the file cannot be opened
     */
    static MarcFileReader open(String sourceId, Path file) throws IOException {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(64);
            byte[] head = in.readNBytes(64);
            in.reset();
            String name = file.getFileName().toString();
            return looksLikeXml(head) ? new MarcXmlFileReader(sourceId, name, in, modified)
                    : new Iso2709Reader(sourceId, name, in, modified);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean looksLikeXml(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
            i++;
        }
        return i < head.length && head[i] == '<';
    }
}
