package org.shangdang.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shangdang.fixtures.FixtureDocuments;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.indexer.lucene.LuceneSearchIndex;

/**
 * Extraction from the executable jar: {@code java -jar shangdang.jar harvest} of a documents source runs Tika in
 * child JVMs although the parent's class path is the fat jar alone (the children start through the jar's Spring Boot
 * launcher). A PDF with a text layer must end up in the Lucene index, searchable by words of that text.
 */
class FatJarDocumentsHarvestIT {

    private static final Path JAR = Path.of("target", "shangdang.jar");
    private static final String SOURCE = "changzhi-digitized";

    @Test
    void theExecutableJarExtractsADocumentInAChildJvmAndIndexesIt() throws Exception {
        // given the executable jar and a watched directory holding the 红色文化 PDF
        assertThat(JAR).as("the executable jar, built by the package phase before the integration tests").exists();
        Path dataDir = Files.createTempDirectory("shangdang-fatjar");
        Path watched = dataDir.resolve("digitized");
        Path pdf = FixtureDocuments.copyTo(watched, List.of(FixtureDocuments.RED_CULTURE_PDF)).get(0);

        // when the source is harvested by the jar in its own process
        Process harvest = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8",
                "-XX:TieredStopAtLevel=1",
                "-Dshangdang.data-dir=" + dataDir,
                "-Dshangdang.sources[0].id=" + SOURCE,
                "-Dshangdang.sources[0].library=长治市图书馆",
                "-Dshangdang.sources[0].protocol=documents",
                "-Dshangdang.sources[0].documents.directory=" + watched,
                "-Dshangdang.sources[0].documents.workers=1",
                "-jar", JAR.toString(), "harvest", SOURCE)
                .redirectErrorStream(true).start();
        String output = new String(harvest.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(harvest.waitFor(4, TimeUnit.MINUTES)).isTrue();

        // then the harvest completed, having extracted the PDF rather than rejected it
        assertThat(harvest.exitValue()).as(output).isZero();
        assertThat(output).contains(SOURCE).contains("completed").doesNotContain("CHILD_CRASHED")
                .doesNotContain("cannot start an extraction child");
        // and the record is in the index, found by a word of its text layer
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dataDir.resolve("index"))) {
            SearchResult result = index.search(new SearchQuery("黄崖洞兵工厂", Map.of(), 1, 10));
            assertThat(result.hits()).extracting(SearchResult.Hit::id)
                    .containsExactly(SOURCE + ":" + pdf.toUri());
            assertThat(result.hits().get(0).title()).isEqualTo("太行精神与长治红色文化");
        }
    }
}
