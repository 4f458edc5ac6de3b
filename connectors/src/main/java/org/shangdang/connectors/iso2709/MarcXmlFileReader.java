package org.shangdang.connectors.iso2709;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.shangdang.connectors.sru.SruVersion;
import org.shangdang.connectors.sru.XmlSubtree;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/**
 * Reads the MARC records of a MARCXML file: a {@code <collection>}, a bare {@code <record>}, Koha's OAI-wrapped
 * records, or a saved SRU response (whose {@code <record>} wrappers are looked through). Each MARC record, in
 * any namespace, becomes a raw MARCXML record as the file has it; id from 001 (rejected without one), datestamp
 * from 005 or else the file's modification time.
 *
 * <p>Hardened by {@link SafeXml}. The file is read into memory (MARCXML drops are exports of a few thousand
 * records; split bigger ones). If the file stops being well-formed, every record from that point on is rejected
 * with offset -1 and the parser's line, column and message: XML cannot be resynchronised like ISO 2709, and the
 * records are counted by their start tags so that none goes unreported.
 *
 * <p>Not thread-safe.
 */
public final class MarcXmlFileReader implements MarcFileReader {

    private static final XMLInputFactory INPUT = SafeXml.inputFactory();
    private static final Pattern RECORD_TAG = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?record[\\s>/]");
    private static final Pattern SRU_WRAPPER = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?recordSchema[\\s>]");

    private final String sourceId;
    private final String fileName;
    private final byte[] content;
    private final Instant fileTime;
    private XMLStreamReader reader;
    private MarcFileEntry waiting;
    private boolean ended;
    private int yielded;
    private int failedRemaining = -1;
    private String failure;

    /**
     * @param in the file's bytes, read whole and closed here
     * @throws UncheckedIOException if the stream cannot be read
     */
    public MarcXmlFileReader(String sourceId, String fileName, InputStream in, Instant fileTime) {
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.fileTime = Objects.requireNonNull(fileTime, "fileTime");
        try (InputStream stream = in) {
            this.content = stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("MARC file " + fileName + ": cannot read", e);
        }
    }

    @Override
    public boolean hasNext() {
        if (waiting == null && !ended) {
            waiting = readNext();
        }
        return waiting != null;
    }

    @Override
    public MarcFileEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("MARC file " + fileName + ": no more records");
        }
        MarcFileEntry entry = waiting;
        waiting = null;
        yielded++;
        return entry;
    }

    @Override
    public void close() {
        ended = true;
        waiting = null;
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // In-memory: nothing to release.
            }
        }
    }

    private MarcFileEntry readNext() {
        if (failedRemaining >= 0) {
            return remainingRejected();
        }
        try {
            if (reader == null) {
                reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(content));
            }
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && "record".equals(reader.getLocalName())
                        && SruVersion.ofResponseNamespace(XmlSubtree.nullToEmpty(reader.getNamespaceURI())).isEmpty()) {
                    long offset = reader.getLocation().getCharacterOffset();
                    XmlSubtree.Copy copy = XmlSubtree.copy(reader);
                    return entry(offset, copy);
                }
            }
            ended = true;
            return null;
        } catch (XMLStreamException e) {
            failure = "not well-formed" + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber()) + ": " + oneLine(e.getMessage());
            failedRemaining = Math.max(1, countRecords() - yielded);
            return remainingRejected();
        }
    }

    private MarcFileEntry remainingRejected() {
        if (failedRemaining == 0) {
            ended = true;
            return null;
        }
        failedRemaining--;
        return new MarcFileEntry.Rejected(-1, fileName + ": record " + (yielded + 1) + " of the file: " + failure);
    }

    private MarcFileEntry entry(long offset, XmlSubtree.Copy copy) {
        Optional<String> id = copy.controlNumber();
        if (id.isEmpty()) {
            return new MarcFileEntry.Rejected(offset, fileName + " at character " + offset
                    + ": no control number (001): the record could not be updated or deleted later");
        }
        Instant datestamp = copy.latestTransaction().flatMap(Iso2709Reader::parse005).orElse(fileTime);
        return new MarcFileEntry.Accepted(offset, new RawRecord(sourceId, id.get(), datestamp, RecordFormat.MARCXML, copy.xml(),
                RecordStatus.PRESENT), MarcEncoding.XML);
    }

    /** MARC records in the file by their start tags: {@code record} elements less SRU wrappers. */
    private int countRecords() {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        return count(RECORD_TAG.matcher(text)) - count(SRU_WRAPPER.matcher(text));
    }

    private static int count(Matcher matcher) {
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
