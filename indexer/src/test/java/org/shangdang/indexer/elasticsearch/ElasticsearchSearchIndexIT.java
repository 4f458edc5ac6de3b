package org.shangdang.indexer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.indexer.IndexWriteException;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.indexer.contract.ElasticsearchUnderTest;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;

/** What only the Elasticsearch engine has to get right: ids, the alias, bulk writes, refused records. */
class ElasticsearchSearchIndexIT {

    private static final Instant STAMP = Instant.parse("2026-11-01T08:00:00Z");

    private URI url;
    private String alias;
    private ElasticsearchSearchIndex index;

    @BeforeEach
    void openAFreshIndex() {
        url = ElasticsearchUnderTest.requireUrl();
        alias = ElasticsearchUnderTest.uniqueAlias("engine");
        index = ElasticsearchSearchIndex.open(ElasticsearchSettings.of(url).withIndexAlias(alias));
    }

    @AfterEach
    void deleteTheIndex() throws IOException {
        if (index != null) {
            index.close();
            ElasticsearchUnderTest.deleteIndices(url, alias);
        }
    }

    private static CanonicalRecord record(String recordId, String title) {
        return CanonicalRecord.builder("changzhi-city", recordId).format(RecordFormat.MARCXML).kind(ResourceKind.BOOK)
                .title(title).year(1985).language("chi").library("长治市图书馆").datestamp(STAMP).build();
    }

    @Test
    void createsTheIndexBehindTheAliasOnOpen() {
        assertThat(ElasticsearchUnderTest.indicesOf(url, alias)).containsExactly(alias + "-000001");
        assertThat(index.count()).isZero();
    }

    @Test
    void upsertingTheSameRecordTwiceLeavesOneDocumentWithTheLatestTitle() {
        index.upsert(List.of(record("1", "长治历史")));
        index.commit();
        index.upsert(List.of(record("1", "長治歷史文化")));
        index.commit();

        assertThat(index.count()).isEqualTo(1);
        assertThat(index.get("changzhi-city:1")).map(CanonicalRecord::title).contains("長治歷史文化");
        assertThat(index.search(SearchQuery.of("文化")).hits()).extracting(SearchResult.Hit::id)
                .containsExactly("changzhi-city:1");
    }

    @Test
    void deleteRemovesTheRecordAndIgnoresUnknownIds() {
        index.upsert(List.of(record("1", "长治历史"), record("2", "太行精神")));
        index.commit();

        index.delete(List.of("changzhi-city:1", "changzhi-city:no-such-record"));
        index.commit();

        assertThat(index.count()).isEqualTo(1);
        assertThat(index.get("changzhi-city:1")).isEmpty();
        assertThat(index.search(SearchQuery.of("长治")).total()).isZero();
        assertThat(index.get("changzhi-city:2")).isPresent();
    }

    @Test
    void reopeningTheAliasFindsWhatWasWritten() throws IOException {
        CanonicalRecord record = CanonicalRecord.builder("zhangzi", "9").format(RecordFormat.OAI_DC)
                .kind(ResourceKind.SCORE).title("上黨梆子唱腔集").creator(Creator.of("郝聘之", "编"))
                .subject("上党梆子").isbn("7-5440-1234-X").year(1990).language("chi")
                .library("长子县图书馆").county("长子县").datestamp(STAMP).build();
        index.upsert(List.of(record));
        index.commit();
        index.close();

        index = ElasticsearchSearchIndex.open(ElasticsearchSettings.of(url).withIndexAlias(alias));

        assertThat(ElasticsearchUnderTest.indicesOf(url, alias)).containsExactly(alias + "-000001");
        assertThat(index.count()).isEqualTo(1);
        assertThat(index.get("zhangzi:9")).contains(record);
    }

    @Test
    void manyRecordsGoThroughBoundedBulkRequests() throws IOException {
        index.close();
        index = ElasticsearchSearchIndex.open(ElasticsearchSettings.of(url).withIndexAlias(alias).withBulk(40, 2));
        List<CanonicalRecord> records = IntStream.range(0, 333)
                .mapToObj(i -> record(String.valueOf(i), "长治地方文献 第" + i + "辑")).toList();

        index.upsert(records);
        index.commit();

        assertThat(index.count()).isEqualTo(333);
        assertThat(index.search(new SearchQuery("地方文献", Map.of(), 4, 100)).hits()).hasSize(33);
    }

    @Test
    void aRecordTheClusterRefusesIsReportedWhileTheOthersAreWritten() {
        // given a record whose library name is a corrupt, endless string: beyond Lucene's 32766-byte term limit
        String corrupt = "长治".repeat(6000);
        CanonicalRecord refused = CanonicalRecord.builder("changzhi-city", "broken").format(RecordFormat.MARCXML)
                .kind(ResourceKind.BOOK).title("损坏的记录").library(corrupt).datestamp(STAMP).build();
        List<CanonicalRecord> records = new ArrayList<>();
        records.add(record("1", "长治历史"));
        records.add(refused);
        records.add(record("2", "太行精神"));

        assertThatThrownBy(() -> index.upsert(records))
                .isInstanceOfSatisfying(IndexWriteException.class, e -> {
                    assertThat(e.failures()).extracting(IndexWriteException.Failure::recordId)
                            .containsExactly("changzhi-city:broken");
                    assertThat(e.failures().get(0).reason()).contains("immense term");
                    assertThat(e.getMessage()).contains("changzhi-city:broken");
                });
        index.commit();

        assertThat(index.count()).isEqualTo(2);
        assertThat(index.get("changzhi-city:2")).isPresent();
    }

    @Test
    void writesGoThroughOnceTheClusterIsReachableAgain() throws IOException {
        // given an index opened while its address does not answer
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String otherAlias = ElasticsearchUnderTest.uniqueAlias("outage");
        ElasticsearchSettings settings = ElasticsearchSettings.of(URI.create("http://127.0.0.1:" + port))
                .withIndexAlias(otherAlias).withTimeout(Duration.ofSeconds(2));
        List<CanonicalRecord> records = List.of(record("1", "长治历史"), record("2", "太行精神"));
        try (ElasticsearchSearchIndex outage = ElasticsearchSearchIndex.open(settings)) {
            assertThatThrownBy(() -> outage.upsert(records)).isInstanceOf(IndexUnavailableException.class);

            // when the cluster answers on that address again, the same write is repeated
            try (TcpForwarder cluster = new TcpForwarder(port, url.getHost(), url.getPort())) {
                outage.upsert(records);
                outage.upsert(records);
                outage.commit();

                // then every record is there exactly once
                assertThat(outage.count()).isEqualTo(2);
            }
        } finally {
            ElasticsearchUnderTest.deleteIndices(url, otherAlias);
        }
    }

    @Test
    void hitsAndHighlightsShowTheTextAsCatalogued() {
        index.upsert(List.of(record("1", "長治市圖書館志")));
        index.commit();

        SearchResult result = index.search(SearchQuery.of("长治"));

        assertThat(result.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.title()).isEqualTo("長治市圖書館志");
            assertThat(hit.highlights()).containsEntry("title", List.of("<em>長治</em>市圖書館志"));
        });
        assertThat(index.get("changzhi-city:1")).map(CanonicalRecord::title).isEqualTo(Optional.of("長治市圖書館志"));
    }
}
