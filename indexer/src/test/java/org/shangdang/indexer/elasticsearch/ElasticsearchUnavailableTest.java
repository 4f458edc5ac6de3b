package org.shangdang.indexer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;

/** Without a cluster: the engine still opens, and every call says the index is unavailable, quickly. */
class ElasticsearchUnavailableTest {

    /** A loopback port nothing listens on: connections are refused at once. */
    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void opensWithoutAClusterAndReportsEveryCallAsUnavailable() throws IOException {
        URI url = closedPort();
        ElasticsearchSettings settings = ElasticsearchSettings.of(url).withTimeout(Duration.ofSeconds(2));
        CanonicalRecord record = CanonicalRecord.builder("changzhi-city", "1").format(RecordFormat.MARCXML)
                .kind(ResourceKind.BOOK).title("长治历史").library("长治市图书馆")
                .datestamp(Instant.parse("2026-11-01T08:00:00Z")).build();
        long started = System.nanoTime();

        try (ElasticsearchSearchIndex index = ElasticsearchSearchIndex.open(settings)) {
            assertThatThrownBy(() -> index.search(SearchQuery.of("长治")))
                    .isInstanceOf(IndexUnavailableException.class)
                    .hasMessageContaining(url.toString()).hasMessageContaining("cannot be reached");
            assertThatThrownBy(() -> index.upsert(List.of(record))).isInstanceOf(IndexUnavailableException.class);
            assertThatThrownBy(index::count).isInstanceOf(IndexUnavailableException.class);
            assertThatThrownBy(() -> index.get("changzhi-city:1")).isInstanceOf(IndexUnavailableException.class);
            assertThatThrownBy(index::commit).isInstanceOf(IndexUnavailableException.class);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aClosedIndexRefusesCalls() throws IOException {
        ElasticsearchSearchIndex index = ElasticsearchSearchIndex.open(
                ElasticsearchSettings.of(closedPort()).withTimeout(Duration.ofSeconds(1)));
        index.close();
        index.close();

        assertThatThrownBy(index::count).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void settingsNameTheBadValue() {
        URI url = URI.create("http://127.0.0.1:9200");

        assertThatThrownBy(() -> ElasticsearchSettings.of(url).withIndexAlias("Shangdang Records"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Shangdang Records");
        assertThatThrownBy(() -> ElasticsearchSettings.of(URI.create("ftp://host/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://host/");
        assertThatThrownBy(() -> ElasticsearchSettings.of(url).withBulk(500, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> ElasticsearchSettings.of(url).withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }
}
