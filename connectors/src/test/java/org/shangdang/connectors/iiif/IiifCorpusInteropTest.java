package org.shangdang.connectors.iiif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;

/**
 * Every JSON file of shared/corpus/iiif through the crosswalk: the Kyoto rare-book manifests and the cookbook
 * and Mirador manifests map, and everything else (broken JSON, annotations, collections, manifests without a
 * label) is rejected with a reason. Skipped where the corpus is absent.
 */
class IiifCorpusInteropTest {

    private static final SourceInfo SOURCE = new SourceInfo("corpus", "IIIF corpus", "corpus", Optional.empty());

    private final IiifManifestCrosswalk crosswalk = new IiifManifestCrosswalk();
    private final Map<String, CanonicalRecord> mapped = new TreeMap<>();
    private final Map<String, String> rejected = new TreeMap<>();

    private static Path corpus() {
        String shared = System.getProperty("shangdang.shared");
        Path iiif = shared == null ? null : Path.of(shared, "corpus", "iiif");
        assumeTrue(iiif != null && Files.isDirectory(iiif), "shared/corpus/iiif absent (shangdang.shared=" + shared
                + "): skipping IIIF interop test");
        return iiif;
    }

    private void mapAll(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String name = root.relativize(file).toString();
            try {
                mapped.put(name, crosswalk.map(IiifFixtures.raw("corpus", name, Files.readString(file)), SOURCE));
            } catch (RecordRejectedException e) {
                rejected.put(name, e.getMessage());
            }
        }
        System.out.printf("IIIF corpus: %d files, %d manifests mapped, %d rejected%n",
                files.size(), mapped.size(), rejected.size());
        rejected.forEach((file, reason) -> System.out.println("  rejected " + reason));
    }

    @Test
    void everyKyotoRareBookManifestMapsToARareBookWithItsChineseTitle() throws IOException {
        mapAll(corpus().resolve("east-asian/toho_kyoto"));

        List<String> kyoto = new ArrayList<>(mapped.keySet());
        assertThat(kyoto).containsExactly("A015.json", "A049.json", "B001.json", "B010_large.json", "B104.json",
                "C002.json", "M037.json");
        assertThat(mapped.values()).allSatisfy(book -> {
            assertThat(book.kind()).isEqualTo(ResourceKind.RARE_BOOK);
            assertThat(book.title()).matches(".*\\p{IsHan}.*");
            assertThat(book.parallelTitles()).as("zh and en carry the same string").isEmpty();
            assertThat(book.rights()).hasValueSatisfying(r -> assertThat(r).contains("creativecommons.org"));
            assertThat(book.media().get(0).kind()).isEqualTo(MediaLink.Kind.IIIF_MANIFEST);
        });
        assertThat(mapped.get("A015.json").title()).isEqualTo("論語　零片");
        assertThat(mapped.get("A015.json").description()).contains("魏何晏集解　舊鈔本");
        assertThat(mapped.get("B001.json").creators()).extracting(c -> c.name()).containsExactly("漢班固", "唐顏師古");
        assertThat(mapped.get("C002.json").creators()).as("C002 names no author").isEmpty();
        assertThat(mapped.get("B010_large.json").notes()).anyMatch(n -> n.matches("IIIF 画布 \\d{3,} 幅"));
        assertThat(rejected).containsOnlyKeys("toho-data_catalogue.json");
        assertThat(rejected.get("toho-data_catalogue.json")).contains("not a IIIF Presentation resource");
    }

    @Test
    void cookbookAndMiradorManifestsMapAndTheBrokenOnesAreRejectedWithReasons() throws IOException {
        Path root = corpus();
        mapAll(root.resolve("cookbook"));
        mapAll(root.resolve("mirador-fixtures"));

        assertThat(mapped).hasSizeGreaterThanOrEqualTo(110);
        assertThat(rejected.get("version-2/broken.json")).endsWith("no type/@type: not a IIIF Presentation resource");
        assertThat(rejected.get("version-2/annotationMiradorDual.json")).endsWith("a IIIF oa:Annotation, not a Manifest");
        assertThat(rejected.get("version-2/collection.json")).endsWith("a IIIF sc:Collection, not a Manifest");
        assertThat(rejected.get("0032-collection/collection.json")).endsWith("a IIIF Collection, not a Manifest");
        for (String unlabelled : List.of("version-2/iiifauth.json", "version-2/related.json",
                "version-2/zeroWidthCanvas.json", "version-3/with_a_provider.json")) {
            assertThat(rejected.get(unlabelled)).as(unlabelled).contains("has no label");
        }
        assertThat(rejected.values()).allSatisfy(reason -> assertThat(reason)
                .containsAnyOf("not a Manifest", "has no label", "not a IIIF Presentation resource"));
        assertThat(mapped.get("0009-book-1/manifest.json").notes()).contains("IIIF 画布 5 幅");
        assertThat(mapped.get("0002-mvm-audio/manifest.json").kind()).isEqualTo(ResourceKind.AUDIO);
        assertThat(mapped.get("0003-mvm-video/manifest.json").kind()).isEqualTo(ResourceKind.VIDEO);
        assertThat(mapped.get("0046-rendering/manifest.json").media()).extracting(MediaLink::kind)
                .contains(MediaLink.Kind.PDF);
        assertThat(mapped.get("version-2/BibliographicResource_3000126341277.json").title())
                .isEqualTo("Uusi Aura, nr: 274A - 1909-11-26");
    }
}
