package org.shangdang.indexer.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;

class FullTextSearchTest {

    @TempDir
    Path dir;

    private LuceneSearchIndex index;

    @BeforeEach
    void indexADigitizedScanAndABook() {
        index = LuceneSearchIndex.open(dir.resolve("index"));
        index.upsert(List.of(
                CanonicalRecord.builder("digitized", "file:///scans/page-1.pdf").format(RecordFormat.EXTRACTED_DOCUMENT)
                        .kind(ResourceKind.EBOOK).title("长治红色文化 扫描页").library("长治市图书馆")
                        .datestamp(Instant.parse("2026-11-29T08:00:00Z"))
                        .fullText("太行精神是长治的红色文化\n八路军总部旧址在武乡县\n")
                        .build(),
                CanonicalRecord.builder("changzhi-city", "1").format(RecordFormat.MARCXML).kind(ResourceKind.BOOK)
                        .title("武乡县志").library("长治市图书馆").datestamp(Instant.parse("2026-11-29T08:00:00Z"))
                        .build()));
        index.commit();
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    @Test
    void aPhraseInsideTheFullTextFindsTheRecordAndIsHighlightedThere() {
        // given a scan whose only mention of 八路军总部 is in its extracted text

        // when a reader searches the phrase, in traditional characters
        SearchResult result = index.search(new SearchQuery("\"八路軍總部舊址\"", Map.of(), 1, 10));

        // then the scan is the one hit, with the phrase marked in a full-text snippet
        assertThat(result.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.id()).isEqualTo("digitized:file:///scans/page-1.pdf");
            assertThat(hit.highlights().get(IndexFields.FULL_TEXT)).singleElement().asString()
                    .contains("<em>八路军总部旧址</em>");
        });
    }

    @Test
    void wordsOfTheFullTextDoNotMatchRecordsWithoutIt() {
        // when a word only the scan's text holds is searched
        SearchResult result = index.search(new SearchQuery("太行精神", Map.of(), 1, 10));

        // then the book is not a hit
        assertThat(result.hits()).extracting(SearchResult.Hit::id).containsExactly("digitized:file:///scans/page-1.pdf");
    }
}
