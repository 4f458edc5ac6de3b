package org.shangdang.connectors.sru;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/**
 * Reads one SRU 1.2 or 2.0 {@code searchRetrieveResponse} into an {@link SruPage}, streaming it with StAX.
 * The version is told by the root element's namespace ({@link SruVersion#responseNamespace()}); SRU 1.1 shares
 * the 1.2 namespace and reads the same.
 *
 * <p><b>Payloads.</b> A record's payload is the first element inside {@code <recordData>} (the MARCXML
 * {@code <record>} in whatever namespace the server uses, the {@code <srw_dc:dc>}) serialized alone as UTF-8
 * with every namespace it uses declared. With string packing ({@code recordPacking=string} in 1.2,
 * {@code recordXMLEscaping=string} in 2.0) the escaped text is parsed as XML, equally hardened, and copied the same
 * way. A record whose schema is the diagnostics schema is a surrogate diagnostic: it becomes a
 * {@link SruPage.SkippedRecord} with the diagnostic, as does a record with no record data or no identifier.
 *
 * <p><b>Record ids.</b> MARCXML: control field 001; Dublin Core: the first {@code dc:identifier}; either way
 * the SRU {@code recordIdentifier} when that is missing.
 *
 * <p><b>Datestamps.</b> SRU carries none. A MARCXML record's 005 (date and time of latest transaction,
 * {@code yyyyMMddHHmmss.f}, read as UTC because MARC does not say the zone) is used when readable; otherwise,
 * and for every Dublin Core record, the time the page was fetched. A harvest therefore sees such records as
 * changed on every run, which is harmless (records are upserted by id) but means SRU cannot be harvested
 * incrementally by date.
 *
 * <p><b>Diagnostics.</b> Diagnostics at response level with no records are fatal:
 * {@link SruDiagnosticException}. Diagnostics beside records are logged and the records kept.
 *
 * <p>Hardened by {@link SafeXml}: a DOCTYPE is skipped and never fetched; no local file or URL is read.
 * Thread safety: instances are immutable and may be shared; each {@link #parse} call is independent.
 */
public final class SruResponseParser {

    private static final System.Logger LOG = System.getLogger(SruResponseParser.class.getName());
    private static final XMLInputFactory INPUT = SafeXml.inputFactory();
    private static final DateTimeFormatter MARC_005 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String sourceId;
    private final RecordFormat format;

    /**
     * @param sourceId copied into every record and named in every error
     * @param format the format the records' payloads are in (MARCXML or OAI_DC)
     */
    public SruResponseParser(String sourceId, RecordFormat format) {
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * Parses a whole response body. The stream is read to its end but not closed.
     *
     * @param body the response body; its encoding is taken from the XML declaration (UTF-8 by default, a BOM allowed)
     * @param requestUrl the request that returned it, recorded on the page and named in errors
     * @param fetchedAt when it was fetched: the datestamp of records that carry none
     * @throws SruDiagnosticException if the response carries diagnostics and no records
     * @throws MalformedSruResponseException if the body is not a well-formed searchRetrieveResponse
     */
    public SruPage parse(InputStream body, URI requestUrl, Instant fetchedAt) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(requestUrl, "requestUrl");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(body);
            return new Read(reader, requestUrl, fetchedAt).page();
        } catch (XMLStreamException e) {
            throw new MalformedSruResponseException(sourceId, requestUrl, "not well-formed XML: " + oneLine(e.getMessage()), e);
        } finally {
            close(reader);
        }
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                LOG.log(Level.DEBUG, "closing the XML reader failed", e);
            }
        }
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** A MARC 005 value as an instant (UTC), if it is one. */
    static Optional<Instant> parse005(String value) {
        String text = value.strip();
        int dot = text.indexOf('.');
        String seconds = dot >= 0 ? text.substring(0, dot) : text;
        if (seconds.length() != 14) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(seconds, MARC_005).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The state of reading one response. */
    private final class Read {
        private final XMLStreamReader reader;
        private final URI requestUrl;
        private final Instant fetchedAt;
        private SruVersion version;

        Read(XMLStreamReader reader, URI requestUrl, Instant fetchedAt) {
            this.reader = reader;
            this.requestUrl = requestUrl;
            this.fetchedAt = fetchedAt;
        }

        private MalformedSruResponseException malformed(String reason) {
            var location = reader.getLocation();
            return new MalformedSruResponseException(sourceId, requestUrl, reason + " at line " + location.getLineNumber()
                    + ", column " + location.getColumnNumber(), null);
        }

        SruPage page() throws XMLStreamException {
            while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
                // Prolog: declaration, comments, a skipped DOCTYPE.
            }
            if (!reader.isStartElement()) {
                throw malformed("no root element");
            }
            String rootNamespace = XmlSubtree.nullToEmpty(reader.getNamespaceURI());
            version = SruVersion.ofResponseNamespace(rootNamespace).orElse(null);
            if (version == null || !"searchRetrieveResponse".equals(reader.getLocalName())) {
                throw malformed("not an SRU searchRetrieveResponse: root element is {" + rootNamespace + "}" + reader.getLocalName());
            }
            long numberOfRecords = -1;
            Optional<Integer> next = Optional.empty();
            List<RawRecord> records = new ArrayList<>();
            List<SruPage.SkippedRecord> skipped = new ArrayList<>();
            List<SruDiagnostic> diagnostics = new ArrayList<>();
            int heldRecords = 0;
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "numberOfRecords" -> numberOfRecords = number("numberOfRecords", reader.getElementText());
                    case "nextRecordPosition" -> {
                        String text = reader.getElementText().strip();
                        if (!text.isEmpty()) {
                            next = Optional.of((int) number("nextRecordPosition", text));
                        }
                    }
                    case "records" -> {
                        long position = 0;
                        while (nextChild()) {
                            if ("record".equals(reader.getLocalName())) {
                                heldRecords++;
                                position++;
                                record(position, records, skipped);
                            } else {
                                skipElement();
                            }
                        }
                    }
                    case "diagnostics" -> {
                        while (nextChild()) {
                            if ("diagnostic".equals(reader.getLocalName())) {
                                diagnostics.add(diagnostic());
                            } else {
                                skipElement();
                            }
                        }
                    }
                    default -> skipElement();
                }
            }
            while (reader.hasNext()) {
                // Reading on to the end proves the rest of the document well-formed, too.
                reader.next();
            }
            if (!diagnostics.isEmpty()) {
                if (heldRecords == 0) {
                    throw new SruDiagnosticException(sourceId, requestUrl, diagnostics);
                }
                LOG.log(Level.WARNING, "SRU source {0}: non-fatal diagnostics {1} beside {2} records [request {3}]",
                        sourceId, diagnostics, heldRecords, requestUrl);
            }
            if (numberOfRecords < 0) {
                throw malformed("response has no numberOfRecords");
            }
            return new SruPage(requestUrl, version, numberOfRecords, records, skipped, next, fetchedAt);
        }

        private long number(String name, String text) {
            try {
                long value = Long.parseLong(text.strip());
                if (value < 0) {
                    throw malformed(name + " is negative: " + text.strip());
                }
                return value;
            } catch (NumberFormatException e) {
                throw malformed(name + " is not a number: \"" + text.strip() + "\"");
            }
        }

        private SruDiagnostic diagnostic() throws XMLStreamException {
            String uri = null;
            String message = null;
            String details = null;
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "uri" -> uri = reader.getElementText().strip();
                    case "message" -> message = reader.getElementText().strip();
                    case "details" -> details = reader.getElementText().strip();
                    default -> skipElement();
                }
            }
            if (uri == null || uri.isEmpty()) {
                throw malformed("diagnostic without a uri");
            }
            return new SruDiagnostic(uri, Optional.ofNullable(message), Optional.ofNullable(details));
        }

        private void record(long counted, List<RawRecord> records, List<SruPage.SkippedRecord> skipped) throws XMLStreamException {
            String schema = "";
            String packing = "xml";
            String identifier = null;
            Long position = null;
            XmlSubtree.Copy copy = null;
            Optional<SruDiagnostic> surrogate = Optional.empty();
            String dataProblem = "no recordData";
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "recordSchema" -> schema = reader.getElementText().strip();
                    case "recordPacking", "recordXMLEscaping" -> packing = reader.getElementText().strip();
                    case "recordIdentifier" -> identifier = reader.getElementText().strip();
                    case "recordPosition" -> position = number("recordPosition", reader.getElementText());
                    case "recordData" -> {
                        if (schema.contains("diagnostic")) {
                            surrogate = Optional.of(surrogateDiagnostic());
                        } else if ("string".equalsIgnoreCase(packing)) {
                            String text = reader.getElementText();
                            dataProblem = "empty recordData";
                            try {
                                copy = text.isBlank() ? null : escaped(text);
                            } catch (XMLStreamException e) {
                                dataProblem = "record packed as a string is not well-formed XML: " + oneLine(e.getMessage());
                            }
                        } else {
                            copy = firstChild();
                            dataProblem = "empty recordData";
                        }
                    }
                    default -> skipElement();
                }
            }
            long at = position == null ? counted : position;
            if (surrogate.isPresent()) {
                skipped.add(new SruPage.SkippedRecord(at, "surrogate diagnostic " + surrogate.get(), surrogate));
                return;
            }
            if (copy == null) {
                skipped.add(new SruPage.SkippedRecord(at, dataProblem, Optional.empty()));
                return;
            }
            Optional<String> serverId = Optional.ofNullable(identifier).filter(s -> !s.isEmpty());
            Optional<String> id = (format == RecordFormat.OAI_DC ? copy.dcIdentifier() : copy.controlNumber())
                    .or(() -> serverId);
            if (id.isEmpty()) {
                skipped.add(new SruPage.SkippedRecord(at, format == RecordFormat.OAI_DC
                        ? "no dc:identifier and no recordIdentifier" : "no control field 001 and no recordIdentifier", Optional.empty(),
                        copy.xml()));
                return;
            }
            Instant datestamp = format == RecordFormat.MARCXML
                    ? copy.latestTransaction().flatMap(SruResponseParser::parse005).orElse(fetchedAt)
                    : fetchedAt;
            records.add(new RawRecord(sourceId, id.get(), datestamp, format, copy.xml(), RecordStatus.PRESENT));
        }

        private SruDiagnostic surrogateDiagnostic() throws XMLStreamException {
            SruDiagnostic found = null;
            while (nextChild()) {
                if ("diagnostic".equals(reader.getLocalName()) && found == null) {
                    found = diagnostic();
                } else {
                    skipElement();
                }
            }
            if (found == null) {
                throw malformed("surrogate diagnostic record without a <diagnostic>");
            }
            return found;
        }

        /** The first element in the current one, copied; the rest of the current element is skipped. */
        private XmlSubtree.Copy firstChild() throws XMLStreamException {
            XmlSubtree.Copy copy = null;
            while (nextChild()) {
                if (copy == null) {
                    copy = XmlSubtree.copy(reader);
                } else {
                    skipElement();
                }
            }
            return copy;
        }

        /** A record sent as escaped text: parsed on its own, as hardened as the response. */
        private XmlSubtree.Copy escaped(String text) throws XMLStreamException {
            XMLStreamReader inner = null;
            try {
                inner = INPUT.createXMLStreamReader(new ByteArrayInputStream(text.strip().getBytes(StandardCharsets.UTF_8)), "UTF-8");
                while (inner.hasNext() && inner.next() != XMLStreamConstants.START_ELEMENT) {
                    // Skip to the record's root element.
                }
                XmlSubtree.Copy copy = inner.isStartElement() ? XmlSubtree.copy(inner) : null;
                while (inner.hasNext()) {
                    inner.next();
                }
                return copy;
            } finally {
                close(inner);
            }
        }

        private boolean nextChild() throws XMLStreamException {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return true;
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    return false;
                }
            }
            throw malformed("document ended inside an element");
        }

        private void skipElement() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }
    }
}
