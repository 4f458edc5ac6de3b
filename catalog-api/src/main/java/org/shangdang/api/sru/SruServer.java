package org.shangdang.api.sru;

import java.io.OutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.shangdang.api.oai.Dissemination;
import org.shangdang.api.oai.MarcXmlRecord;
import org.shangdang.api.oai.Xml;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.routes.store.ChangeFeed;

/**
 * The SRU server: {@code explain} and {@code searchRetrieve} in SRU 1.2 (1.1 answered alike) and SRU 2.0.
 *
 * <p>Version: the {@code version} parameter when given; else 1.2 when an {@code operation} parameter is present
 * (SRU 1.x requires it), else 2.0 (which dropped it). In 2.0 the operation is searchRetrieve when {@code query}
 * is given, scan when {@code scanClause} is, else explain. Responses use the version's namespace
 * ({@code http://www.loc.gov/zing/srw/} for 1.x, {@code http://docs.oasis-open.org/ns/search-ws/sruResponse} for
 * 2.0) and always HTTP 200; every problem is a standard diagnostic ({@link SruDiagnostic}).
 *
 * <p>Records: {@code recordSchema} {@code marcxml} (also {@code info:srw/schema/1/marcxml-v1.1}, the default) or
 * {@code dc} ({@code info:srw/schema/1/dc-v1.1}), as {@link Dissemination} serves them; {@code recordPacking}
 * (1.2) or {@code recordXMLEscaping} (2.0) {@code xml} or {@code string}; {@code startRecord} from 1;
 * {@code maximumRecords} 0..{@link #MAX_RECORDS} (default {@link #DEFAULT_RECORDS}; more is served as the maximum).
 * {@code scan} is answered with diagnostic 4: the search contract has no term list to scan. Thread-safe.
 */
public final class SruServer {

    public static final int DEFAULT_RECORDS = 10;
    public static final int MAX_RECORDS = 100;

    private static final String SRW = "http://www.loc.gov/zing/srw/";
    private static final String SRW_DIAG = "http://www.loc.gov/zing/srw/diagnostic/";
    private static final String SRU2 = "http://docs.oasis-open.org/ns/search-ws/sruResponse";
    private static final String SRU2_DIAG = "http://docs.oasis-open.org/ns/search-ws/diagnostic";
    private static final String ZEEREX = "http://explain.z3950.org/dtd/2.0/";
    private static final String MARCXML_SCHEMA = "info:srw/schema/1/marcxml-v1.1";
    private static final String DC_SCHEMA = "info:srw/schema/1/dc-v1.1";

    private static final Set<String> COMMON = Set.of("version", "operation", "query", "startRecord", "maximumRecords",
            "recordSchema", "recordPacking", "recordXMLEscaping", "recordXPath", "resultSetTTL", "sortKeys",
            "stylesheet", "scanClause", "responsePosition", "maximumTerms", "queryType", "httpAccept",
            "renderedBy", "responseType", "extraRequestData");

    private final CqlSearch search;
    private final SearchIndex index;
    private final ChangeFeed feed;
    private final String title;

    public SruServer(SearchIndex index, ChangeFeed feed, String title) {
        this.index = Objects.requireNonNull(index, "index");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.search = new CqlSearch(index);
        this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * Answers one request with a complete SRU response document written to {@code out} (not closed).
     *
     * @param host and {@code port} and {@code path}: where the server is, for explain
     */
    public void respond(Map<String, String[]> parameters, String host, int port, String path, OutputStream out)
            throws XMLStreamException {
        Version version = Version.V2_0;
        Response response;
        try {
            version = version(parameters);
            response = answer(version, parameters, host, port, path);
        } catch (SruDiagnostic d) {
            response = new Failure(version, d);
        }
        XMLStreamWriter w = Xml.writer(out);
        w.writeStartDocument("UTF-8", "1.0");
        response.write(w);
        w.writeEndDocument();
        w.flush();
        w.close();
    }

    private Response answer(Version version, Map<String, String[]> p, String host, int port, String path) {
        for (Map.Entry<String, String[]> e : p.entrySet()) {
            if (!COMMON.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
                throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_PARAMETER, e.getKey(), "unsupported parameter "
                        + e.getKey());
            }
        }
        String operation = param(p, "operation").orElse(version == Version.V2_0
                ? param(p, "query").isPresent() ? "searchRetrieve" : param(p, "scanClause").isPresent() ? "scan" : "explain"
                : param(p, "query").isPresent() ? "searchRetrieve" : "explain");
        return switch (operation) {
            case "explain" -> new Explain(version, host, port, path);
            case "searchRetrieve" -> searchRetrieve(version, p);
            case "scan" -> throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_OPERATION, "scan", "scan is not supported:"
                    + " the index offers no term list to browse");
            default -> throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_OPERATION, operation, "unsupported operation "
                    + operation);
        };
    }

    private static Version version(Map<String, String[]> p) {
        Optional<String> given = param(p, "version");
        if (given.isEmpty()) {
            return p.containsKey("operation") ? Version.V1_2 : Version.V2_0;
        }
        return switch (given.get()) {
            case "1.1" -> Version.V1_1;
            case "1.2" -> Version.V1_2;
            case "2.0" -> Version.V2_0;
            default -> throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_VERSION, "2.0", "version " + given.get()
                    + " is not supported; use 1.1, 1.2 or 2.0");
        };
    }

    private Response searchRetrieve(Version version, Map<String, String[]> p) {
        String query = param(p, "query").orElseThrow(() -> new SruDiagnostic(
                SruDiagnostic.MANDATORY_PARAMETER_NOT_SUPPLIED, "query", "the query parameter is required"));
        if (param(p, "queryType").filter(t -> !t.equals("cql")).isPresent()) {
            throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_PARAMETER_VALUE, "queryType", "only queryType cql is supported");
        }
        if (param(p, "sortKeys").isPresent()) {
            throw new SruDiagnostic(SruDiagnostic.SORT_NOT_SUPPORTED, "sortKeys", "sorting is not supported");
        }
        if (param(p, "recordXPath").isPresent()) {
            throw new SruDiagnostic(SruDiagnostic.XPATH_UNSUPPORTED, "recordXPath", "XPath retrieval is not supported");
        }
        if (param(p, "stylesheet").isPresent()) {
            throw new SruDiagnostic(SruDiagnostic.STYLESHEETS_NOT_SUPPORTED, "stylesheet", "stylesheets are not supported");
        }
        int start = number(p, "startRecord", 1);
        if (start < 1) {
            throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_PARAMETER_VALUE, "startRecord",
                    "startRecord must be 1 or more; got: " + start);
        }
        int maximum = Math.min(number(p, "maximumRecords", DEFAULT_RECORDS), MAX_RECORDS);
        if (maximum < 0) {
            throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_PARAMETER_VALUE, "maximumRecords",
                    "maximumRecords must be 0 or more; got: " + maximum);
        }
        String schema = schema(param(p, "recordSchema").orElse("marcxml"));
        boolean escaped = escaping(version, p);
        CqlSearch.Result result = search.search(CqlParser.parse(query), start, maximum);
        List<Diagnosed> diagnostics = new ArrayList<>();
        if (result.total() > 0 && start > result.total()) {
            diagnostics.add(new Diagnosed(new SruDiagnostic(SruDiagnostic.FIRST_RECORD_OUT_OF_RANGE,
                    String.valueOf(start), "startRecord " + start + " is beyond the " + result.total() + " records")));
        }
        List<Rendered> records = new ArrayList<>();
        int position = start;
        for (String id : result.ids()) {
            Optional<CanonicalRecord> record = index.get(id);
            if (record.isPresent()) {
                records.add(new Rendered(render(record.get(), schema, escaped), position));
            }
            position++;
        }
        long next = start + (long) result.ids().size();
        Optional<Long> nextPosition = maximum > 0 && next <= result.total() ? Optional.of(next) : Optional.empty();
        return new Searched(version, result.total(), schema, escaped, records, nextPosition, diagnostics);
    }

    private Object render(CanonicalRecord record, String schema, boolean escaped) {
        Optional<ChangeFeed.Change> stored = feed.get(record.sourceId(), record.recordId()).filter(c -> !c.raw().isDeleted());
        RawRecord raw = stored.map(ChangeFeed.Change::raw).orElseGet(() -> new RawRecord(record.sourceId(),
                record.recordId(), record.datestamp(), record.format(), new byte[0],
                org.shangdang.record.RecordStatus.PRESENT));
        RecordWriter writer = schema.equals(MARCXML_SCHEMA)
                ? w -> Dissemination.marc21(raw, record, stored.map(ChangeFeed.Change::changedAt).orElse(record.datestamp()))
                        .write(w, MarcXmlRecord.SchemaLocation.OMITTED)
                : w -> Dissemination.dublinCore(raw, record).writeSrwDc(w);
        if (!escaped) {
            return writer;
        }
        try {
            StringWriter text = new StringWriter();
            XMLStreamWriter w = Xml.writer(text);
            writer.write(w);
            w.flush();
            return text.toString();
        } catch (XMLStreamException e) {
            throw new SruDiagnostic(SruDiagnostic.GENERAL_SYSTEM_ERROR, record.id(), "record " + record.id()
                    + " could not be written: " + e.getMessage());
        }
    }

    private static String schema(String requested) {
        return switch (requested) {
            case "marcxml", "marc21", "MARC21-xml", MARCXML_SCHEMA, "http://www.loc.gov/MARC21/slim" -> MARCXML_SCHEMA;
            case "dc", DC_SCHEMA, "info:srw/schema/1/dc-schema" -> DC_SCHEMA;
            default -> throw new SruDiagnostic(SruDiagnostic.UNKNOWN_SCHEMA, requested, "record schema " + requested
                    + " is unknown; use marcxml or dc");
        };
    }

    private static boolean escaping(Version version, Map<String, String[]> p) {
        String name = version == Version.V2_0 ? "recordXMLEscaping" : "recordPacking";
        String value = param(p, name).orElse("xml");
        if (version == Version.V2_0 && param(p, "recordPacking").filter(v -> !v.equals("packed")).isPresent()) {
            throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_RECORD_PACKING, param(p, "recordPacking").get(),
                    "only recordPacking packed is supported");
        }
        return switch (value) {
            case "xml" -> false;
            case "string" -> true;
            default -> throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_RECORD_PACKING, value, name + " must be"
                    + " xml or string; got: " + value);
        };
    }

    private static int number(Map<String, String[]> p, String name, int fallback) {
        Optional<String> value = param(p, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get().strip());
        } catch (NumberFormatException e) {
            throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_PARAMETER_VALUE, name, name + " must be a whole number;"
                    + " got: " + value.get());
        }
    }

    private static Optional<String> param(Map<String, String[]> p, String name) {
        String[] values = p.get(name);
        return values == null || values.length == 0 || values[0].isEmpty() ? Optional.empty() : Optional.of(values[0]);
    }

    // ---- responses ----------------------------------------------------------------------------------------

    private enum Version {
        V1_1("1.1", SRW, SRW_DIAG, "srw", "diag"),
        V1_2("1.2", SRW, SRW_DIAG, "srw", "diag"),
        V2_0("2.0", SRU2, SRU2_DIAG, "sruResponse", "diag");

        final String number;
        final String ns;
        final String diagNs;
        final String prefix;
        final String diagPrefix;

        Version(String number, String ns, String diagNs, String prefix, String diagPrefix) {
            this.number = number;
            this.ns = ns;
            this.diagNs = diagNs;
            this.prefix = prefix;
            this.diagPrefix = diagPrefix;
        }
    }

    @FunctionalInterface
    private interface RecordWriter {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private interface Response {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private record Rendered(Object data, int position) {}

    private record Diagnosed(SruDiagnostic diagnostic) {}

    private record Failure(Version version, SruDiagnostic diagnostic) implements Response {
        @Override
        public void write(XMLStreamWriter w) throws XMLStreamException {
            open(w, version, "searchRetrieveResponse");
            text(w, version, "numberOfRecords", "0");
            diagnostics(w, version, List.of(new Diagnosed(diagnostic)));
            w.writeEndElement();
        }
    }

    private record Searched(Version version, long total, String schema, boolean escaped, List<Rendered> records,
            Optional<Long> next, List<Diagnosed> diagnostics) implements Response {
        @Override
        public void write(XMLStreamWriter w) throws XMLStreamException {
            open(w, version, "searchRetrieveResponse");
            text(w, version, "numberOfRecords", String.valueOf(total));
            if (version == Version.V2_0) {
                text(w, version, "resultCountPrecision", "info:srw/vocabulary/resultCountPrecision/1/exact");
            }
            if (!records.isEmpty()) {
                w.writeStartElement(version.prefix, "records", version.ns);
                for (Rendered r : records) {
                    w.writeStartElement(version.prefix, "record", version.ns);
                    text(w, version, "recordSchema", schema);
                    text(w, version, version == Version.V2_0 ? "recordXMLEscaping" : "recordPacking",
                            escaped ? "string" : "xml");
                    w.writeStartElement(version.prefix, "recordData", version.ns);
                    if (r.data() instanceof String s) {
                        w.writeCharacters(s);
                    } else {
                        ((RecordWriter) r.data()).write(w);
                    }
                    w.writeEndElement();
                    text(w, version, "recordPosition", String.valueOf(r.position()));
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            if (next.isPresent()) {
                text(w, version, "nextRecordPosition", String.valueOf(next.get()));
            }
            SruServer.diagnostics(w, version, diagnostics);
            w.writeEndElement();
        }
    }

    private final class Explain implements Response {
        private final Version version;
        private final String host;
        private final int port;
        private final String path;

        Explain(Version version, String host, int port, String path) {
            this.version = version;
            this.host = host;
            this.port = port;
            this.path = path;
        }

        @Override
        public void write(XMLStreamWriter w) throws XMLStreamException {
            open(w, version, "explainResponse");
            w.writeStartElement(version.prefix, "record", version.ns);
            text(w, version, "recordSchema", ZEEREX);
            text(w, version, version == Version.V2_0 ? "recordXMLEscaping" : "recordPacking", "xml");
            w.writeStartElement(version.prefix, "recordData", version.ns);
            w.writeStartElement("zr", "explain", ZEEREX);
            w.writeNamespace("zr", ZEEREX);
            w.writeStartElement("zr", "serverInfo", ZEEREX);
            w.writeAttribute("protocol", "SRU");
            w.writeAttribute("version", version.number);
            zr(w, "host", host);
            zr(w, "port", String.valueOf(port));
            zr(w, "database", path.startsWith("/") ? path.substring(1) : path);
            w.writeEndElement();
            w.writeStartElement("zr", "databaseInfo", ZEEREX);
            w.writeStartElement("zr", "title", ZEEREX);
            w.writeAttribute("lang", "zh");
            w.writeAttribute("primary", "true");
            w.writeCharacters(title);
            w.writeEndElement();
            zr(w, "description", "长治市公共文化资源一站式检索：图书馆目录（MARC 21、CNMARC、Dublin Core）。");
            w.writeEndElement();
            w.writeStartElement("zr", "indexInfo", ZEEREX);
            set(w, "cql", "info:srw/cql-context-set/1/cql-v1.2");
            set(w, "dc", "info:srw/cql-context-set/1/dc-v1.1");
            set(w, "bath", "http://zing.z3950.org/cql/bath/2.0/");
            index(w, "任意字段", "cql", "serverChoice");
            index(w, "任意字段", "cql", "anywhere");
            index(w, "题名", "dc", "title");
            index(w, "责任者", "dc", "creator");
            index(w, "主题", "dc", "subject");
            index(w, "出版年", "dc", "date");
            index(w, "ISBN", "bath", "isbn");
            w.writeEndElement();
            w.writeStartElement("zr", "schemaInfo", ZEEREX);
            schema(w, MARCXML_SCHEMA, "marcxml", "MARC 21 XML");
            schema(w, DC_SCHEMA, "dc", "Dublin Core");
            w.writeEndElement();
            w.writeStartElement("zr", "configInfo", ZEEREX);
            config(w, "default", "numberOfRecords", String.valueOf(DEFAULT_RECORDS));
            config(w, "setting", "maximumRecords", String.valueOf(MAX_RECORDS));
            config(w, "default", "recordSchema", "marcxml");
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        }

        private void set(XMLStreamWriter w, String name, String identifier) throws XMLStreamException {
            w.writeEmptyElement("zr", "set", ZEEREX);
            w.writeAttribute("name", name);
            w.writeAttribute("identifier", identifier);
        }

        private void index(XMLStreamWriter w, String label, String set, String name) throws XMLStreamException {
            w.writeStartElement("zr", "index", ZEEREX);
            w.writeAttribute("search", "true");
            w.writeAttribute("scan", "false");
            w.writeAttribute("sort", "false");
            w.writeStartElement("zr", "title", ZEEREX);
            w.writeAttribute("lang", "zh");
            w.writeCharacters(label);
            w.writeEndElement();
            w.writeStartElement("zr", "map", ZEEREX);
            w.writeStartElement("zr", "name", ZEEREX);
            w.writeAttribute("set", set);
            w.writeCharacters(name);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        }

        private void schema(XMLStreamWriter w, String identifier, String name, String label) throws XMLStreamException {
            w.writeStartElement("zr", "schema", ZEEREX);
            w.writeAttribute("identifier", identifier);
            w.writeAttribute("name", name);
            zr(w, "title", label);
            w.writeEndElement();
        }

        private void config(XMLStreamWriter w, String element, String type, String value) throws XMLStreamException {
            w.writeStartElement("zr", element, ZEEREX);
            w.writeAttribute("type", type);
            w.writeCharacters(value);
            w.writeEndElement();
        }

        private void zr(XMLStreamWriter w, String name, String value) throws XMLStreamException {
            w.writeStartElement("zr", name, ZEEREX);
            w.writeCharacters(value);
            w.writeEndElement();
        }
    }

    private static void open(XMLStreamWriter w, Version version, String name) throws XMLStreamException {
        w.writeStartElement(version.prefix, name, version.ns);
        w.writeNamespace(version.prefix, version.ns);
        text(w, version, "version", version.number);
    }

    private static void text(XMLStreamWriter w, Version version, String name, String value) throws XMLStreamException {
        w.writeStartElement(version.prefix, name, version.ns);
        w.writeCharacters(Xml.clean(value));
        w.writeEndElement();
    }

    private static void diagnostics(XMLStreamWriter w, Version version, List<Diagnosed> diagnostics)
            throws XMLStreamException {
        if (diagnostics.isEmpty()) {
            return;
        }
        w.writeStartElement(version.prefix, "diagnostics", version.ns);
        for (Diagnosed d : diagnostics) {
            w.writeStartElement(version.diagPrefix, "diagnostic", version.diagNs);
            w.writeNamespace(version.diagPrefix, version.diagNs);
            w.writeStartElement(version.diagPrefix, "uri", version.diagNs);
            w.writeCharacters(d.diagnostic().uri());
            w.writeEndElement();
            if (!d.diagnostic().details().isEmpty()) {
                w.writeStartElement(version.diagPrefix, "details", version.diagNs);
                w.writeCharacters(Xml.clean(d.diagnostic().details()));
                w.writeEndElement();
            }
            w.writeStartElement(version.diagPrefix, "message", version.diagNs);
            w.writeCharacters(Xml.clean(d.diagnostic().getMessage()));
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
    }
}
