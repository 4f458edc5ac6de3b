package org.shangdang.routes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureDocuments;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.shangdang.routes.store.Reject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Harvests of a documents source through the real routes, record store (H2), extraction service (Tika in two child
 * JVMs), crosswalk and Lucene index: a watched directory holding the fixtures' 红色文化 PDF with a text layer, a
 * PDF cut short, and (where {@code ../shared/corpus/docs} is present) hostile files from the corpus.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class DocumentsHarvestIT {

    private static final String SOURCE = "changzhi-digitized";
    /** Hostile files of the corpus and the reason each must be rejected with. */
    private static final Map<String, String> HOSTILE = Map.of(
            "tika/droste.zip", "ZIP_BOMB",
            "tika/quine.gz", "ZIP_BOMB",
            "xml-attacks/xmlbomb.xml", "ENTITY_EXPANSION_REFUSED",
            "tika/testXXE.xml", "XXE_REFUSED",
            "tika/testWORD_protected_passtika.docx", "ENCRYPTED",
            "tika/testWORD_truncated.docx", "CORRUPT");

    @TempDir
    static Path temp;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;
    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> temp.toString());
        registry.add("shangdang.sources[0].id", () -> SOURCE);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "documents");
        registry.add("shangdang.sources[0].documents.directory", () -> temp.resolve("watched").toString());
        registry.add("shangdang.sources[0].documents.timeout", () -> "60s");
        registry.add("shangdang.sources[0].documents.child-heap", () -> "384MB");
    }

    @Test
    void aTextPdfIsSearchableAndABrokenPdfIsRejectedWhileTheJobCompletes() throws IOException {
        // given the red-culture PDF and the same PDF cut after 2 KB
        Path watched = emptyDirectory();
        Path pdf = FixtureDocuments.copyTo(watched, List.of(FixtureDocuments.RED_CULTURE_PDF)).get(0);
        Path cut = watched.resolve("cut-short.pdf");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(pdf), 2048));

        // when the source is harvested
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the documents route ran it to completion, the PDF's text is searchable
        assertThat(camel.getRoute("harvest-documents-" + SOURCE)).isNotNull();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        CanonicalRecord record = index.get(CanonicalRecord.idOf(SOURCE, pdf.toUri().toString())).orElseThrow();
        assertThat(record.title()).isEqualTo("太行精神与长治红色文化");
        assertThat(record.fullText()).hasValueSatisfying(text -> assertThat(text).contains("八路军总部"));
        assertThat(index.search(new SearchQuery("黄崖洞兵工厂", Map.of(), 1, 10)).hits())
                .extracting(hit -> hit.id()).containsExactly(record.id());
        // and the cut PDF is a reject naming the file and the reason
        assertThat(store.rejects(job.id())).singleElement().satisfies(r -> {
            assertThat(r.recordId()).isEqualTo(cut.toUri().toString());
            assertThat(r.reason()).contains("cut-short.pdf", "CORRUPT");
        });
        assertThat(job.indexed()).isEqualTo(1);
        assertThat(job.rejected()).isEqualTo(1);
    }

    @Test
    void hostileCorpusFilesAreRejectedWithTheirReasonsAndTheJobCompletes() throws IOException {
        // given hostile files from the corpus beside the red-culture PDF
        String shared = System.getProperty("shangdang.shared");
        Path docs = shared == null ? null : Path.of(shared, "corpus", "docs");
        assumeTrue(docs != null && Files.isDirectory(docs), "shared/corpus/docs absent (shangdang.shared=" + shared
                + "): skipping the hostile-files harvest");
        Path watched = emptyDirectory();
        FixtureDocuments.copyTo(watched, List.of(FixtureDocuments.RED_CULTURE_PDF));
        for (String file : HOSTILE.keySet()) {
            Path target = watched.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(docs.resolve(file), target);
        }

        // when the source is harvested
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the job completes; each hostile file is a reject with its reason, the PDF is indexed
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        Map<String, String> reasons = store.rejects(job.id()).stream()
                .collect(Collectors.toMap(r -> watched.relativize(Path.of(java.net.URI.create(r.recordId()))).toString(),
                        Reject::reason));
        assertThat(reasons).containsOnlyKeys(HOSTILE.keySet());
        HOSTILE.forEach((file, reason) -> assertThat(reasons.get(file)).as(file).contains(file, reason));
        assertThat(job.indexed()).isEqualTo(1);
        assertThat(index.count()).isEqualTo(1);
    }

    @Test
    void aSecondRunReadsNothingTwiceButRereadsAChangedFileAndDropsADeletedOne() throws IOException {
        // given a harvested directory of the two fixture documents and a broken file
        Path watched = emptyDirectory();
        List<Path> files = FixtureDocuments.copyTo(watched, FixtureDocuments.DEMO);
        Path broken = watched.resolve("broken.pdf");
        Files.writeString(broken, "%PDF-1.7 not really");
        JobStatus first = jobs.harvest(SOURCE, HarvestMode.FULL);

        // when it is harvested again
        JobStatus second = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then nothing is read again, rejected files included
        assertThat(first.seen()).isEqualTo(3);
        assertThat(first.indexed()).isEqualTo(2);
        assertThat(second.state()).isEqualTo(JobState.COMPLETED);
        assertThat(second.seen()).isZero();
        assertThat(second.pages()).isZero();
        assertThat(index.count()).isEqualTo(2);

        // and when one file changes and another is deleted
        Path changed = files.get(0);
        Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(5)));
        Files.delete(files.get(1));
        JobStatus third = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then only those two are seen: the changed one re-read, the deleted one removed from the index
        assertThat(third.state()).isEqualTo(JobState.COMPLETED);
        assertThat(third.seen()).isEqualTo(2);
        assertThat(third.indexed()).isEqualTo(1);
        assertThat(third.deleted()).isEqualTo(1);
        assertThat(index.get(CanonicalRecord.idOf(SOURCE, files.get(1).toUri().toString()))).isEmpty();
        assertThat(index.get(CanonicalRecord.idOf(SOURCE, changed.toUri().toString()))).isPresent();
        assertThat(index.count()).isEqualTo(1);
    }

    /** The watched directory, emptied of what an earlier test left (files and the ledger). */
    private static Path emptyDirectory() throws IOException {
        Path dir = temp.resolve("watched");
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
