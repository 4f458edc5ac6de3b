package org.shangdang.connectors;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.XMLEvent;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import org.shangdang.record.SourceInfo;

/** Test support for crosswalk tests: the shared corpus, splitting record files, making raw records. */
public final class CrosswalkFixtures {

    public static final SourceInfo CHANGZHI = new SourceInfo("changzhi-city", "长治市图书馆 OAI-PMH", "长治市图书馆",
            Optional.empty());
    public static final SourceInfo ZHANGZI = new SourceInfo("zhangzi", "长子县图书馆", "长子县图书馆",
            Optional.of("长子县"));
    public static final Instant DATESTAMP = Instant.parse("2024-05-01T08:00:00Z");

    private CrosswalkFixtures() {
    }

    /** A path inside shared/corpus; the calling test is skipped when the corpus is absent. */
    public static Path corpus(String relative) {
        String shared = System.getProperty("shangdang.shared");
        Path corpus = shared == null ? null : Path.of(shared, "corpus");
        assumeTrue(corpus != null && Files.isDirectory(corpus),
                "shared/corpus absent (shangdang.shared=" + shared + "): skipping interop test");
        Path file = corpus.resolve(relative);
        assumeTrue(Files.isRegularFile(file), file + " absent from shared/corpus: skipping interop test");
        return file;
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource's bytes, e.g. {@code marc/cnmarc-with-holdings.xml}. */
    public static byte[] resource(String name) {
        try (InputStream in = CrosswalkFixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RawRecord raw(String recordId, RecordFormat format, byte[] payload) {
        return new RawRecord(CHANGZHI.sourceId(), recordId, DATESTAMP, format, payload, RecordStatus.PRESENT);
    }

    /**
     * Copies out, as standalone documents, every outermost element whose namespace URI is one of
     * {@code namespaces} and whose local name is {@code localName}: the MARC records inside an SRU envelope
     * or a collection, the {@code <dc>} records of an SRU DC response.
     */
    public static List<byte[]> split(Path file, String localName, Set<String> namespaces) {
        List<byte[]> records = new ArrayList<>();
        XMLOutputFactory output = XMLOutputFactory.newFactory();
        output.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, Boolean.TRUE);
        try (InputStream in = Files.newInputStream(file)) {
            XMLEventReader reader = SafeXml.inputFactory().createXMLEventReader(in);
            while (reader.hasNext()) {
                XMLEvent event = reader.nextEvent();
                if (event.isStartElement()
                        && event.asStartElement().getName().getLocalPart().equals(localName)
                        && namespaces.contains(event.asStartElement().getName().getNamespaceURI())) {
                    ByteArrayOutputStream copy = new ByteArrayOutputStream();
                    XMLEventWriter writer = output.createXMLEventWriter(copy, "UTF-8");
                    writer.add(event);
                    int depth = 1;
                    while (depth > 0) {
                        XMLEvent next = reader.nextEvent();
                        if (next.isStartElement()) {
                            depth++;
                        } else if (next.isEndElement()) {
                            depth--;
                        }
                        writer.add(next);
                    }
                    writer.close();
                    records.add(copy.toByteArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot split " + file + ": " + e.getMessage(), e);
        }
        return records;
    }
}
