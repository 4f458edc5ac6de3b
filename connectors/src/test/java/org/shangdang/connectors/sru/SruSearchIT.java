package org.shangdang.connectors.sru;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.SourceInfo;

/** The SRU client against the 武乡县图书馆 fixture server (SRU 1.2, CNMARC with 905/906 holdings). */
class SruSearchIT {

    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofSeconds(1));
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final SourceInfo WUXIANG = new SourceInfo("wuxiang-county", "武乡县图书馆 SRU", "武乡县图书馆", Optional.of("武乡县"));

    private static FixtureSources sources;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sources = FixtureSources.start(0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        sources.stop();
    }

    private static SruSearch search(String cql, String schema) {
        SruSource source = new SruSource(FixtureSources.WUXIANG_COUNTY, sources.sruEndpoint(FixtureSources.WUXIANG_COUNTY),
                SruVersion.V1_2, schema, RecordFormat.MARCXML);
        return SruSearch.open(source, new SruQuery(cql, 1, 3), FAST, http, Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void followsNextRecordPositionThroughEveryPage() {
        // given the fixture's 8 records served 3 per page
        List<SruPage> pages = new ArrayList<>();
        // when
        try (SruSearch search = search("cql.allRecords = 1", "cnmarcxml")) {
            search.forEachRemaining(pages::add);
        }
        // then
        assertThat(pages).extracting(SruPage::nextRecordPosition)
                .containsExactly(Optional.of(4), Optional.of(7), Optional.empty());
        assertThat(pages).allSatisfy(page -> assertThat(page.numberOfRecords()).isEqualTo(8));
        assertThat(pages.stream().flatMap(p -> p.records().stream()).map(RawRecord::recordId))
                .containsExactly("wx-0001801", "wx-0001802", "wx-0001803", "wx-0001804", "wx-0001805", "wx-0001806",
                        "wx-0001807", "wx-0001808");
        assertThat(pages.get(0).requestUrl().getRawQuery()).contains("startRecord=1", "maximumRecords=3",
                "recordSchema=cnmarcxml", "recordPacking=xml", "version=1.2", "operation=searchRetrieve");
        assertThat(pages.get(2).requestUrl().getRawQuery()).contains("startRecord=7");
    }

    @Test
    void takesDatestampsFrom005AndIdsFromRecordIdentifierWhen001IsMissing() {
        // given / when
        List<RawRecord> records;
        try (SruSearch search = search("cql.allRecords = 1", "cnmarcxml")) {
            records = new ArrayList<>();
            search.forEachRemaining(p -> records.addAll(p.records()));
        }
        // then: wx-0001807 has no 001; the server's recordIdentifier names it
        assertThat(records.get(6).recordId()).isEqualTo("wx-0001807");
        assertThat(records.get(0).datestamp()).isEqualTo(Instant.parse("2024-03-15T09:30:12Z"));
    }

    @Test
    void recordsCrosswalkWithBranchAndBookBarHoldings() throws Exception {
        // given the first record, 八路军总部在武乡, with copies at the main library and a 悦读长治 book bar
        RawRecord first;
        try (SruSearch search = search("dc.title = \"八路军\"", "cnmarcxml")) {
            first = search.next().records().get(0);
        }
        // when
        CanonicalRecord record = Crosswalks.standard().map(first, WUXIANG);
        // then
        assertThat(record.title()).isEqualTo("八路军总部在武乡");
        assertThat(record.holdings()).extracting(Holding::library).containsOnly("武乡县图书馆");
        assertThat(record.holdings()).extracting(h -> h.location().orElse(""), h -> h.barcode().orElse(""))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("总馆地方文献室", "1404290001801"),
                        org.assertj.core.groups.Tuple.tuple("悦读长治·八路军太行纪念馆书吧", "1404290001802"),
                        org.assertj.core.groups.Tuple.tuple("悦读长治·八路军太行纪念馆书吧", "1404290001803"));
    }

    @Test
    void sendsTheCqlQueryExactlyAsGiven() {
        // given a query with Chinese, quotes, spaces and a boolean
        String cql = "dc.title = \"上党 梆子\" and dc.date > 2010";
        sources.resetRequests();
        // when
        try (SruSearch search = search(cql, "cnmarcxml")) {
            search.next();
        }
        // then the server decodes exactly the query given
        assertThat(sources.sruQueries(FixtureSources.WUXIANG_COUNTY)).containsExactly(cql);
    }

    @Test
    void queryDiagnosticBecomesAnExceptionWithUriMessageAndDetails() {
        // given a query that ends in a relation, which the server cannot parse
        try (SruSearch search = search("dc.title =", "cnmarcxml")) {
            // when / then
            assertThatThrownBy(search::hasNext)
                    .isInstanceOfSatisfying(SruDiagnosticException.class, e -> {
                        assertThat(e.diagnostic().uri()).isEqualTo("info:srw/diagnostic/1/10");
                        assertThat(e.diagnostic().standardNumber()).contains(10);
                        assertThat(e.diagnostic().message()).contains("Query syntax error");
                        assertThat(e.diagnostic().details()).contains("dc.title =");
                        assertThat(e.getMessage()).contains("wuxiang-county", "info:srw/diagnostic/1/10", "Query syntax error");
                    });
        }
    }

    @Test
    void unknownSchemaDiagnosticNamesTheSchema() {
        try (SruSearch search = search("cql.allRecords = 1", "mods")) {
            assertThatThrownBy(search::next)
                    .isInstanceOfSatisfying(SruDiagnosticException.class, e -> {
                        assertThat(e.diagnostic().uri()).isEqualTo("info:srw/diagnostic/1/66");
                        assertThat(e.diagnostic().details()).contains("mods");
                    });
        }
    }
}
