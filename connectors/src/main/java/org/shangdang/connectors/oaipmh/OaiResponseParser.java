package org.shangdang.connectors.oaipmh;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/**
 * Reads one OAI-PMH 2.0 response body into an {@link OaiResponse}, streaming it with StAX: no DOM of the
 * page is built; each record's metadata is copied out as it passes.
 *
 * <p>Each record's payload is its {@code <metadata>} child element (the MARCXML {@code <record>}, the
 * {@code <oai_dc:dc>}) serialized alone as UTF-8, without an XML declaration, with every namespace it uses
 * declared on it or within it, so that the payload parses on its own. A deleted record
 * ({@code <header status="deleted">}) has an empty payload. A record that is not deleted but has no
 * metadata gets an empty payload with status PRESENT, so that the crosswalk rejects that one record and the
 * harvest goes on. A record without a header identifier cannot be stored or deleted: it is skipped with a
 * warning. A record whose datestamp is missing or unreadable gets the response's {@code responseDate}.
 *
 * <p>The parser is hardened by {@link SafeXml}: a DOCTYPE is skipped and never fetched, and a reference to
 * an entity it would declare fails the response as malformed; no local file or URL is ever read.
 *
 * <p>Thread safety: instances are immutable and may be shared; each {@link #parse} call is independent.
 */
public final class OaiResponseParser {

    static final String OAI_NS = "http://www.openarchives.org/OAI/2.0/";

    private static final System.Logger LOG = System.getLogger(OaiResponseParser.class.getName());
    private static final XMLInputFactory INPUT = SafeXml.inputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private final String sourceId;
    private final RecordFormat format;

    /**
     * @param sourceId copied into every record and named in every error
     * @param format the format the records' payloads are in
     */
    public OaiResponseParser(String sourceId, RecordFormat format) {
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * Parses a whole response body. The stream is read to its end but not closed.
     *
     * @param body the response body; its encoding is taken from the XML declaration (UTF-8 by default)
     * @param requestUrl the request that returned it, recorded on the page and named in errors
     * @return the records, identify result, errors or listing the response held
     * @throws MalformedResponseException if the body is not well-formed XML, not an OAI-PMH response, or
     *                                    lacks what the protocol requires (a record identifier, a datestamp)
     */
    public OaiResponse parse(InputStream body, URI requestUrl) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(requestUrl, "requestUrl");
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(body);
            return new Read(reader, requestUrl).response();
        } catch (XMLStreamException e) {
            throw new MalformedResponseException(sourceId, requestUrl, "not well-formed XML: " + oneLine(e.getMessage()), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    LOG.log(Level.DEBUG, "closing the XML reader failed", e);
                }
            }
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** The state of reading one response. */
    private final class Read {
        private final XMLStreamReader reader;
        private final URI requestUrl;
        private Optional<Instant> responseDate = Optional.empty();

        Read(XMLStreamReader reader, URI requestUrl) {
            this.reader = reader;
            this.requestUrl = requestUrl;
        }

        private MalformedResponseException malformed(String reason) {
            return new MalformedResponseException(sourceId, requestUrl, reason + " at " + position());
        }

        private String position() {
            var location = reader.getLocation();
            return "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
        }

        OaiResponse response() throws XMLStreamException {
            while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
                // Prolog: declaration, comments, a skipped DOCTYPE.
            }
            if (!reader.isStartElement()) {
                throw malformed("no root element");
            }
            if (!OAI_NS.equals(reader.getNamespaceURI()) || !"OAI-PMH".equals(reader.getLocalName())) {
                throw malformed("not an OAI-PMH response: root element is {" + nullToEmpty(reader.getNamespaceURI())
                        + "}" + reader.getLocalName());
            }
            List<OaiError> errors = new ArrayList<>();
            OaiResponse result = null;
            while (nextChild()) {
                String name = reader.getLocalName();
                if (!OAI_NS.equals(reader.getNamespaceURI())) {
                    skipElement();
                    continue;
                }
                switch (name) {
                    case "responseDate" -> responseDate = Granularity.parseDatestamp(reader.getElementText());
                    case "error" -> errors.add(new OaiError(
                            nullToEmpty(reader.getAttributeValue(null, "code")).trim(), reader.getElementText().trim()));
                    case "Identify" -> result = new OaiResponse.Identified(identify());
                    case "ListRecords", "GetRecord" -> result = new OaiResponse.Records(records());
                    case "ListIdentifiers", "ListSets", "ListMetadataFormats" -> result = listing(name);
                    default -> skipElement();
                }
            }
            // Reading on to the end proves the rest of the document well-formed, too.
            while (reader.hasNext()) {
                reader.next();
            }
            if (!errors.isEmpty()) {
                return new OaiResponse.Errors(errors);
            }
            if (result == null) {
                throw malformed("response holds neither a verb element nor an error");
            }
            return result;
        }

        /**
         * Advances to the next child start element of the current element.
         *
         * @return false when the current element ends instead
         */
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

        private Identify identify() throws XMLStreamException {
            Map<String, String> fields = new HashMap<>();
            while (nextChild()) {
                String name = reader.getLocalName();
                switch (name) {
                    case "repositoryName", "baseURL", "protocolVersion", "earliestDatestamp", "granularity",
                            "deletedRecord" -> fields.put(name, reader.getElementText().trim());
                    default -> skipElement();
                }
            }
            String baseUrlText = required(fields, "baseURL");
            URI baseUrl;
            try {
                baseUrl = new URI(baseUrlText);
            } catch (URISyntaxException e) {
                throw malformed("Identify baseURL is not a URL: " + baseUrlText);
            }
            Optional<Instant> earliest = Optional.ofNullable(fields.get("earliestDatestamp"))
                    .flatMap(text -> {
                        Optional<Instant> parsed = Granularity.parseDatestamp(text);
                        if (parsed.isEmpty()) {
                            // Only informational for a harvester: not worth failing the harvest over.
                            LOG.log(Level.WARNING, "OAI-PMH source {0}: ignoring unreadable earliestDatestamp {1} [request {2}]",
                                    sourceId, text, requestUrl);
                        }
                        return parsed;
                    });
            String granularityText = fields.getOrDefault("granularity", "");
            Granularity granularity = Granularity.fromPattern(granularityText).orElseGet(() -> {
                // Day granularity is mandatory for every repository, so it is the safe fallback.
                LOG.log(Level.WARNING, "OAI-PMH source {0}: unknown granularity \"{1}\", using YYYY-MM-DD [request {2}]",
                        sourceId, granularityText, requestUrl);
                return Granularity.DAY;
            });
            return new Identify(required(fields, "repositoryName"), baseUrl, required(fields, "protocolVersion"),
                    earliest, granularity, required(fields, "deletedRecord"));
        }

        private String required(Map<String, String> fields, String name) {
            String value = fields.get(name);
            if (value == null || value.isEmpty()) {
                throw malformed("Identify lacks " + name);
            }
            return value;
        }

        private OaiPage records() throws XMLStreamException {
            List<RawRecord> records = new ArrayList<>();
            int position = 0;
            Token token = Token.NONE;
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "record" -> record(++position).ifPresent(records::add);
                    case "resumptionToken" -> token = token();
                    default -> skipElement();
                }
            }
            Optional<Instant> maxDatestamp = records.stream().map(RawRecord::datestamp).max(Instant::compareTo);
            return new OaiPage(requestUrl, records, token.value(), maxDatestamp, token.completeListSize(), token.cursor());
        }

        private OaiResponse.Listing listing(String verb) throws XMLStreamException {
            int items = 0;
            Token token = Token.NONE;
            while (nextChild()) {
                if (reader.getLocalName().equals("resumptionToken")) {
                    token = token();
                } else {
                    items++;
                    skipElement();
                }
            }
            return new OaiResponse.Listing(verb, items, token.value(), token.completeListSize());
        }

        private Token token() throws XMLStreamException {
            Optional<Long> size = longAttribute("completeListSize");
            Optional<Long> cursor = longAttribute("cursor");
            String value = reader.getElementText().trim();
            return new Token(value.isEmpty() ? Optional.empty() : Optional.of(value), size, cursor);
        }

        private Optional<Long> longAttribute(String name) {
            String text = reader.getAttributeValue(null, name);
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                LOG.log(Level.WARNING, "OAI-PMH source {0}: ignoring non-numeric resumptionToken {1}=\"{2}\" [request {3}]",
                        sourceId, name, text, requestUrl);
                return Optional.empty();
            }
        }

        /** One {@code <record>}; empty if it has no identifier and so cannot be used. */
        private Optional<RawRecord> record(int position) throws XMLStreamException {
            String identifier = null;
            String datestamp = null;
            RecordStatus status = RecordStatus.PRESENT;
            byte[] payload = new byte[0];
            while (nextChild()) {
                switch (reader.getLocalName()) {
                    case "header" -> {
                        if ("deleted".equals(reader.getAttributeValue(null, "status"))) {
                            status = RecordStatus.DELETED;
                        }
                        while (nextChild()) {
                            switch (reader.getLocalName()) {
                                case "identifier" -> identifier = reader.getElementText().trim();
                                case "datestamp" -> datestamp = reader.getElementText().trim();
                                default -> skipElement();
                            }
                        }
                    }
                    case "metadata" -> payload = metadata();
                    default -> skipElement();
                }
            }
            if (identifier == null || identifier.isEmpty()) {
                // Without an identifier the record can be neither stored nor deleted: skip it, keep the page.
                LOG.log(Level.WARNING, "OAI-PMH source {0}: skipping record {1} of the page, which has no header identifier"
                        + " (ends {2}) [request {3}]", sourceId, position, position(), requestUrl);
                return Optional.empty();
            }
            Instant instant = datestamp(identifier, Optional.ofNullable(datestamp));
            if (status == RecordStatus.DELETED) {
                payload = new byte[0];
            }
            return Optional.of(new RawRecord(sourceId, identifier, instant, format, payload, status));
        }

        /**
         * The header datestamp; when it is missing or unreadable, against the protocol (VuFind's fixtures
         * omit it), the response date stands in: the record changed no later than that, so a checkpoint
         * taken from it misses nothing. One bad header is a warning, not a reason to lose the page.
         */
        private Instant datestamp(String recordId, Optional<String> text) {
            Optional<Instant> parsed = text.flatMap(Granularity::parseDatestamp);
            if (parsed.isPresent()) {
                return parsed.get();
            }
            Instant fallback = responseDate.orElseThrow(() -> malformed("record " + recordId
                    + (text.isPresent() ? " has an unreadable datestamp \"" + text.get() + "\"" : " has no datestamp")
                    + " and the response no responseDate"));
            LOG.log(Level.WARNING, "OAI-PMH source {0}: record {1} has {2}; using the responseDate {3} [request {4}]",
                    sourceId, recordId, text.map(t -> "an unreadable datestamp \"" + t + "\"").orElse("no datestamp"),
                    fallback, requestUrl);
            return fallback;
        }

        /** Copies the first element inside {@code <metadata>} out as standalone UTF-8 XML. */
        private byte[] metadata() throws XMLStreamException {
            byte[] payload = new byte[0];
            boolean copied = false;
            while (nextChild()) {
                if (copied) {
                    // The protocol allows a single metadata element; anything after it is ignored.
                    skipElement();
                } else {
                    payload = copyElement();
                    copied = true;
                }
            }
            return payload;
        }

        /**
         * Copies the current element out as standalone XML. The element is first read into a list of
         * events (one record, never the page), noting each prefix it uses that only an ancestor outside it
         * declares (BnF Gallica declares {@code dc:} and {@code oai_dc:} on {@code <OAI-PMH>}); those
         * bindings are then declared on the copy's root.
         */
        private byte[] copyElement() throws XMLStreamException {
            List<Node> nodes = new ArrayList<>();
            Map<String, String> inherited = new LinkedHashMap<>();
            Deque<Map<String, String>> scopes = new ArrayDeque<>();
            int depth = 0;
            do {
                switch (reader.getEventType()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        Start start = start();
                        scopes.push(start.declared());
                        noteInherited(start.prefix(), start.namespace(), scopes, inherited);
                        for (Attribute attribute : start.attributes()) {
                            if (!attribute.prefix().isEmpty()) {
                                noteInherited(attribute.prefix(), attribute.namespace(), scopes, inherited);
                            }
                        }
                        nodes.add(start);
                        depth++;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        nodes.add(End.INSTANCE);
                        scopes.pop();
                        depth--;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA ->
                            nodes.add(new Text(reader.getText()));
                    case XMLStreamConstants.COMMENT -> nodes.add(new Comment(reader.getText()));
                    default -> {
                        // Processing instructions are not part of the record.
                    }
                }
                if (depth > 0) {
                    reader.next();
                }
            } while (depth > 0);
            return write(nodes, inherited);
        }

        private Start start() {
            Map<String, String> declared = new LinkedHashMap<>();
            for (int i = 0; i < reader.getNamespaceCount(); i++) {
                declared.put(nullToEmpty(reader.getNamespacePrefix(i)), nullToEmpty(reader.getNamespaceURI(i)));
            }
            List<Attribute> attributes = new ArrayList<>(reader.getAttributeCount());
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                attributes.add(new Attribute(nullToEmpty(reader.getAttributePrefix(i)), nullToEmpty(reader.getAttributeNamespace(i)),
                        reader.getAttributeLocalName(i), reader.getAttributeValue(i)));
            }
            return new Start(nullToEmpty(reader.getPrefix()), nullToEmpty(reader.getNamespaceURI()), reader.getLocalName(),
                    declared, attributes);
        }

        /** Records a binding the copy must declare: a prefix in use that no element of the copy declares. */
        private static void noteInherited(String prefix, String namespace, Deque<Map<String, String>> scopes,
                Map<String, String> inherited) {
            if (prefix.equals("xml") || scopes.stream().anyMatch(scope -> scope.containsKey(prefix))) {
                return;
            }
            // An unprefixed element in no namespace needs no declaration: the copy's default is unbound.
            if (!(prefix.isEmpty() && namespace.isEmpty())) {
                inherited.putIfAbsent(prefix, namespace);
            }
        }

        private static byte[] write(List<Node> nodes, Map<String, String> inherited) throws XMLStreamException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            boolean root = true;
            for (Node node : nodes) {
                if (node instanceof Start start) {
                    writer.writeStartElement(start.prefix(), start.localName(), start.namespace());
                    Map<String, String> declarations = new LinkedHashMap<>(start.declared());
                    if (root) {
                        inherited.forEach(declarations::putIfAbsent);
                        root = false;
                    }
                    for (Map.Entry<String, String> binding : declarations.entrySet()) {
                        if (binding.getKey().isEmpty()) {
                            writer.writeDefaultNamespace(binding.getValue());
                        } else {
                            writer.writeNamespace(binding.getKey(), binding.getValue());
                        }
                    }
                    for (Attribute attribute : start.attributes()) {
                        if (attribute.prefix().isEmpty()) {
                            writer.writeAttribute(attribute.localName(), attribute.value());
                        } else {
                            writer.writeAttribute(attribute.prefix(), attribute.namespace(), attribute.localName(), attribute.value());
                        }
                    }
                } else if (node instanceof End) {
                    writer.writeEndElement();
                } else if (node instanceof Text text) {
                    writer.writeCharacters(text.text());
                } else if (node instanceof Comment comment) {
                    writer.writeComment(comment.text());
                }
            }
            writer.flush();
            writer.close();
            return out.toByteArray();
        }
    }

    /** One event of a record being copied. */
    private sealed interface Node permits Start, End, Text, Comment {
    }

    private record Start(String prefix, String namespace, String localName, Map<String, String> declared,
            List<Attribute> attributes) implements Node {
    }

    private enum End implements Node { INSTANCE }

    private record Text(String text) implements Node {
    }

    private record Comment(String text) implements Node {
    }

    private record Attribute(String prefix, String namespace, String localName, String value) {
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A resumptionToken element's content: absent, empty and self-closing all mean "no more pages". */
    private record Token(Optional<String> value, Optional<Long> completeListSize, Optional<Long> cursor) {
        static final Token NONE = new Token(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
