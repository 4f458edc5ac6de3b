package org.shangdang.indexer.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.IndexRebuild;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;
import tools.jackson.databind.json.JsonMapper;

/** How the Lucene engine lays out generations on disk: what survives a restart, a crash, an old layout. */
class LuceneGenerationsTest {

    private static final Instant STAMP = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    Path dir;

    private static CanonicalRecord record(String id, String title) {
        return CanonicalRecord.builder("changzhi-city", id).format(RecordFormat.MARCXML).kind(ResourceKind.BOOK)
                .title(title).library("长治市图书馆").datestamp(STAMP).build();
    }

    private List<String> children() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRebuiltGenerationGoesLiveMergedToAFewSegments() throws Exception {
        // given a rebuild written by several threads at once, each leaving segments of its own
        int threads = 8;
        int perThread = 150;
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            try (IndexRebuild rebuild = index.rebuild()) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<?>> writes = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int thread = t;
                        writes.add(pool.submit(() -> {
                            for (int i = 0; i < perThread; i++) {
                                rebuild.upsert(List.of(CanonicalRecord.builder("changzhi-city", thread + "-" + i)
                                        .format(RecordFormat.MARCXML).kind(ResourceKind.BOOK).title("长治县志 " + i)
                                        .library("长治市图书馆").datestamp(STAMP)
                                        .build()));
                            }
                        }));
                    }
                    for (Future<?> write : writes) {
                        write.get();
                    }
                } finally {
                    pool.shutdown();
                }

                // when it is swapped in
                rebuild.swap();
            }

            // then every record is there, in at most a few segments
            assertThat(index.count()).isEqualTo(threads * perThread);
        }
        String live = Files.readString(dir.resolve("CURRENT")).strip();
        try (FSDirectory generation = FSDirectory.open(dir.resolve(live));
                DirectoryReader reader = DirectoryReader.open(generation)) {
            assertThat(reader.leaves().size()).isBetween(1, LuceneSearchIndex.SEGMENTS_AFTER_REBUILD);
        }
    }

    @Test
    void anIndexWrittenBeforeGenerationsIsOpenedInPlaceAndMovedIntoAGenerationByTheFirstRebuild() throws IOException {
        // given an index written straight into the directory, as the engine did before generations
        FacetsConfig facets = IndexFields.newFacetsConfig();
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(IndexFields.newIndexAnalyzer()))) {
            writer.addDocument(facets.build(IndexFields.toDocument(record("old-1", "長治縣誌"), JsonMapper.builder().build())));
            writer.commit();
        }

        // when it is opened, reopened, then rebuilt
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.get("changzhi-city:old-1")).isPresent();
        }
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.count()).isEqualTo(1);
            try (IndexRebuild rebuild = index.rebuild()) {
                rebuild.upsert(List.of(record("new-1", "长治县志")));
                rebuild.swap();
            }
            assertThat(index.get("changzhi-city:new-1")).isPresent();
        }

        // then only the new generation is left, and it is what the next open finds
        assertThat(children()).containsExactly("CURRENT", "gen-000001");
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.count()).isEqualTo(1);
            assertThat(index.get("changzhi-city:new-1")).isPresent();
        }
    }

    @Test
    void aRebuildInterruptedByACrashIsDeletedAtTheNextOpenAndTheOldGenerationStays() throws IOException {
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.upsert(List.of(record("1", "上党梆子")));
            index.commit();
        }
        // A crash mid-rebuild leaves the next generation's directory behind, never named by CURRENT.
        Files.createDirectories(dir.resolve("gen-000002"));
        Files.writeString(dir.resolve("gen-000002").resolve("_0.cfs"), "half written");

        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.count()).isEqualTo(1);
            assertThat(children()).containsExactly("CURRENT", "gen-000001");
            try (IndexRebuild rebuild = index.rebuild()) {
                rebuild.upsert(List.of(record("2", "长治")));
                rebuild.swap();
            }
        }

        assertThat(Files.readString(dir.resolve("CURRENT")).strip()).isEqualTo("gen-000002");
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            assertThat(index.get("changzhi-city:2")).isPresent();
            assertThat(index.get("changzhi-city:1")).isEmpty();
        }
    }
}
