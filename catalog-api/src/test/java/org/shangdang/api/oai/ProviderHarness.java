package org.shangdang.api.oai;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import org.shangdang.routes.config.OaiPmhProperties;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.store.ChangeFeed;
import org.shangdang.routes.store.RecordStore;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A provider over a fresh in-memory record store (H2 in PostgreSQL mode, migrated by Flyway) with two sources:
 * {@code city} (city level) and {@code county} (长子县). Records are simple Dublin Core. Its clock follows real time (the store stamps
 * changes with real time) and can be moved ahead.
 * Each test makes its own; not shared.
 */
final class ProviderHarness {

    static final String REPOSITORY = "shangdang.test";

    final DataSource dataSource;
    final RecordStore store;
    final ChangeFeed feed;
    final MovableClock clock = new MovableClock();
    final OaiProvider provider;

    ProviderHarness(int pageSize) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:oai-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).load().migrate();
        this.dataSource = h2;
        this.store = new RecordStore(h2);
        this.feed = new ChangeFeed(h2);
        SourcesProperties sources = new SourcesProperties(List.of(source("city", ""), source("county", "长子县")));
        OaiProperties properties = new OaiProperties("测试", REPOSITORY, "admin@example.org", "", pageSize,
                Duration.ofHours(1), List.of("红色文化"));
        this.provider = new OaiProvider(feed, Crosswalks.standard(), sources, properties, clock);
    }

    private static SourceProperties source(String id, String county) {
        return new SourceProperties(id, id + " 图书馆", id + " 图书馆", county, Protocol.OAIPMH,
                new OaiPmhProperties(URI.create("http://example.org/" + id + "/oai"), "oai_dc", null, null), null, true);
    }

    static String identifier(String source, String record) {
        return "oai:" + REPOSITORY + ":" + source + ":" + record;
    }

    /** A Dublin Core raw record with this title (a book), or a deleted one when the title is null. */
    static RawRecord dc(String source, String id, String title, Instant sourceDatestamp) {
        if (title == null) {
            return new RawRecord(source, id, sourceDatestamp, RecordFormat.OAI_DC, new byte[0], RecordStatus.DELETED);
        }
        String xml = "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + title + "</dc:title>"
                + "<dc:creator>作者</dc:creator><dc:date>2001</dc:date><dc:type>Text</dc:type></oai_dc:dc>";
        return new RawRecord(source, id, sourceDatestamp, RecordFormat.OAI_DC, xml.getBytes(StandardCharsets.UTF_8),
                RecordStatus.PRESENT);
    }

    /** Answers the query string ({@code verb=…&…}, values not encoded) and parses the response. */
    Response get(String query) throws Exception {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        Map<String, String[]> arrays = new LinkedHashMap<>();
        params.forEach((k, v) -> arrays.put(k, v.toArray(String[]::new)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.respond(arrays, "http://example.org/oai", out);
        return new Response(out.toString(StandardCharsets.UTF_8));
    }

    /** Every page of a list, following resumption tokens. */
    List<Response> pages(String verb, String arguments) throws Exception {
        List<Response> pages = new ArrayList<>();
        Response page = get("verb=" + verb + "&" + arguments);
        pages.add(page);
        while (page.token().filter(t -> !t.isEmpty()).isPresent()) {
            page = get("verb=" + verb + "&resumptionToken=" + page.token().get());
            pages.add(page);
        }
        return pages;
    }

    /** A parsed OAI-PMH response. */
    static final class Response {
        final String xml;
        final Document doc;

        Response(String xml) throws Exception {
            this.xml = xml;
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            this.doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        }

        Optional<String> error() {
            NodeList errors = doc.getElementsByTagNameNS(OaiProvider.OAI, "error");
            return errors.getLength() == 0 ? Optional.empty()
                    : Optional.of(((Element) errors.item(0)).getAttribute("code"));
        }

        List<Header> headers() {
            List<Header> headers = new ArrayList<>();
            NodeList nodes = doc.getElementsByTagNameNS(OaiProvider.OAI, "header");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element header = (Element) nodes.item(i);
                List<String> specs = new ArrayList<>();
                NodeList setSpecs = header.getElementsByTagNameNS(OaiProvider.OAI, "setSpec");
                for (int j = 0; j < setSpecs.getLength(); j++) {
                    specs.add(setSpecs.item(j).getTextContent());
                }
                headers.add(new Header(text(header, "identifier"), text(header, "datestamp"),
                        "deleted".equals(header.getAttribute("status")), specs));
            }
            return headers;
        }

        List<String> titles() {
            List<String> titles = new ArrayList<>();
            NodeList nodes = doc.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "title");
            for (int i = 0; i < nodes.getLength(); i++) {
                titles.add(nodes.item(i).getTextContent());
            }
            return titles;
        }

        Optional<Element> tokenElement() {
            NodeList nodes = doc.getElementsByTagNameNS(OaiProvider.OAI, "resumptionToken");
            return nodes.getLength() == 0 ? Optional.empty() : Optional.of((Element) nodes.item(0));
        }

        Optional<String> token() {
            return tokenElement().map(Element::getTextContent);
        }

        String responseDate() {
            return doc.getElementsByTagNameNS(OaiProvider.OAI, "responseDate").item(0).getTextContent();
        }

        private static String text(Element parent, String name) {
            return parent.getElementsByTagNameNS(OaiProvider.OAI, name).item(0).getTextContent();
        }
    }

    record Header(String identifier, String datestamp, boolean deleted, List<String> setSpecs) {}

    /** Real time plus an offset the test can grow. */
    static final class MovableClock extends Clock {
        private volatile Duration offset;

        MovableClock() {
            this.offset = Duration.ZERO;
        }

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
