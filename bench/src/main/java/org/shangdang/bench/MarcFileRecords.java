package org.shangdang.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.marc4j.MarcStreamReader;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.marc4j.marc.VariableField;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.fixtures.generate.city.CityFiles;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/**
 * The raw records of one export file, read one at a time as a file connector would: a MARCXML
 * {@code <collection>} is split into one payload per {@code <record>} with StAX; an ISO 2709 file (UTF-8) is read
 * with marc4j's {@link MarcStreamReader} and each record written as MARCXML, the payload the crosswalk reads.
 * The record id is field 001, the source id comes from the file name ({@link CityFiles#sourceIdOf}).
 *
 * <p>Not thread-safe; close to release the file.
 */
abstract class MarcFileRecords implements Iterator<RawRecord>, AutoCloseable {

    private static final String MARC_NS = "http://www.loc.gov/MARC21/slim";
    private static final XMLInputFactory INPUT = SafeXml.inputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    /** Files carry no datestamp of their own: every record gets the time of the export. */
    private static final Instant EXPORTED = Instant.parse("2026-11-01T00:00:00Z");

    final String sourceId;
    final Path file;
    private RawRecord next;

    private MarcFileRecords(Path file) {
        this.file = file;
        this.sourceId = CityFiles.sourceIdOf(file);
    }

    /** The reader for a file of this format. */
    static MarcFileRecords open(Path file, CityFiles.Format format) {
        try {
            return format == CityFiles.Format.MARCXML ? new MarcXml(file) : new Iso2709(file);
        } catch (IOException | XMLStreamException e) {
            throw new UncheckedIOException(new IOException("cannot open " + file + ": " + e.getMessage(), e));
        }
    }

    /** The next record's payload and id, or null at the end of the file. */
    abstract RawRecord read() throws IOException, XMLStreamException;

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = read();
            } catch (IOException | XMLStreamException e) {
                throw new UncheckedIOException(new IOException("cannot read " + file + ": " + e.getMessage(), e));
            }
        }
        return next != null;
    }

    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in " + file);
        }
        RawRecord record = next;
        next = null;
        return record;
    }

    RawRecord raw(String recordId, byte[] payload) {
        if (recordId == null || recordId.isBlank()) {
            throw new UncheckedIOException(new IOException("a record without 001 in " + file));
        }
        return new RawRecord(sourceId, recordId, EXPORTED, RecordFormat.MARCXML, payload, RecordStatus.PRESENT);
    }

    @Override
    public abstract void close();

    private static final class MarcXml extends MarcFileRecords {
        private final InputStream in;
        private final XMLStreamReader reader;

        MarcXml(Path file) throws IOException, XMLStreamException {
            super(file);
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            this.reader = INPUT.createXMLStreamReader(in, "UTF-8");
        }

        @Override
        RawRecord read() throws XMLStreamException {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("record")) {
                    return copyRecord();
                }
            }
            return null;
        }

        /** Copies the record element the reader stands on, noting its 001. */
        private RawRecord copyRecord() throws XMLStreamException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(2_048);
            XMLStreamWriter out = OUTPUT.createXMLStreamWriter(bytes, "UTF-8");
            out.writeStartElement("", "record", MARC_NS);
            out.writeDefaultNamespace(MARC_NS);
            String recordId = null;
            boolean in001 = false;
            int depth = 1;
            while (depth > 0) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        out.writeStartElement(reader.getLocalName());
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            out.writeAttribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                        in001 = reader.getLocalName().equals("controlfield") && "001".equals(reader.getAttributeValue(null, "tag"));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (in001) {
                            recordId = recordId == null ? reader.getText() : recordId + reader.getText();
                        }
                        out.writeCharacters(reader.getText());
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        in001 = false;
                        out.writeEndElement();
                    }
                    default -> {
                        // Comments and processing instructions are not part of the record.
                    }
                }
            }
            out.close();
            return raw(recordId == null ? null : recordId.strip(), bytes.toByteArray());
        }

        @Override
        public void close() {
            try {
                reader.close();
                in.close();
            } catch (XMLStreamException | IOException e) {
                throw new UncheckedIOException(new IOException("cannot close " + file + ": " + e.getMessage(), e));
            }
        }
    }

    private static final class Iso2709 extends MarcFileRecords {
        private final InputStream in;
        private final MarcStreamReader reader;

        Iso2709(Path file) throws IOException {
            super(file);
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            this.reader = new MarcStreamReader(in, "UTF-8");
        }

        @Override
        RawRecord read() throws XMLStreamException {
            if (!reader.hasNext()) {
                return null;
            }
            Record record = reader.next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(2_048);
            XMLStreamWriter out = OUTPUT.createXMLStreamWriter(bytes, "UTF-8");
            out.writeStartElement("", "record", MARC_NS);
            out.writeDefaultNamespace(MARC_NS);
            out.writeStartElement("leader");
            out.writeCharacters(record.getLeader().marshal());
            out.writeEndElement();
            String recordId = null;
            for (VariableField field : record.getVariableFields()) {
                if (field instanceof ControlField control) {
                    out.writeStartElement("controlfield");
                    out.writeAttribute("tag", control.getTag());
                    out.writeCharacters(control.getData());
                    out.writeEndElement();
                    if (control.getTag().equals("001")) {
                        recordId = control.getData().strip();
                    }
                } else if (field instanceof DataField data) {
                    out.writeStartElement("datafield");
                    out.writeAttribute("tag", data.getTag());
                    out.writeAttribute("ind1", String.valueOf(data.getIndicator1()));
                    out.writeAttribute("ind2", String.valueOf(data.getIndicator2()));
                    for (Subfield subfield : data.getSubfields()) {
                        out.writeStartElement("subfield");
                        out.writeAttribute("code", String.valueOf(subfield.getCode()));
                        out.writeCharacters(subfield.getData());
                        out.writeEndElement();
                    }
                    out.writeEndElement();
                }
            }
            out.writeEndElement();
            out.close();
            return raw(recordId, bytes.toByteArray());
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException("cannot close " + file + ": " + e.getMessage(), e));
            }
        }
    }
}
