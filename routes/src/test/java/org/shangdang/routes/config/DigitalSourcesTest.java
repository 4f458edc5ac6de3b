package org.shangdang.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.extract.Script;
import org.shangdang.connectors.iiif.IiifSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class DigitalSourcesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void iiifSourceBindsCollectionsAndManifestsWithTheDefaultDepth() {
        // given a IIIF source with a collection and a single manifest
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-special",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=iiif",
                        "shangdang.sources[0].iiif.collections=https://lib.example.cn/iiif/collection.json",
                        "shangdang.sources[0].iiif.manifests[0]=https://lib.example.cn/iiif/luanfuzhi.json")
                // when the application starts
                .run(context -> {
                    // then the connector sees both, followed three levels down
                    assertThat(context).hasNotFailed();
                    IiifSource source = context.getBean(SourcesProperties.class).source("changzhi-special")
                            .orElseThrow().iiifSource();
                    assertThat(source.collections()).containsExactly(URI.create("https://lib.example.cn/iiif/collection.json"));
                    assertThat(source.manifests()).containsExactly(URI.create("https://lib.example.cn/iiif/luanfuzhi.json"));
                    assertThat(source.maxDepth()).isEqualTo(3);
                });
    }

    @Test
    void iiifSourceMayDeleteHalfItsManifestsAtOnceByDefaultAndAShareAboveOneStopsStartUp() {
        // given a IIIF source without a share, then one with a share of 1.5
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-special",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=iiif",
                        "shangdang.sources[0].iiif.collections=https://lib.example.cn/iiif/collection.json")
                .run(context -> assertThat(context.getBean(SourcesProperties.class).source("changzhi-special")
                        .orElseThrow().iiif().maxDeletedShare()).isEqualTo(0.5));
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-special",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=iiif",
                        "shangdang.sources[0].iiif.collections=https://lib.example.cn/iiif/collection.json",
                        "shangdang.sources[0].iiif.max-deleted-share=1.5")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-special'")
                        .hasMessageContaining("max-deleted-share must be between 0 and 1; got: 1.5"));
    }

    @Test
    void iiifSourceWithoutDocumentsOrWithARelativeUrlStopsStartUpNamingSourceAndProperty() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-special",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=iiif")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-special'")
                        .hasMessageContaining("iiif.collections or manifests"));
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-special",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=iiif",
                        "shangdang.sources[0].iiif.manifests[0]=/iiif/luanfuzhi.json")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-special'")
                        .hasMessageContaining("iiif.manifests")
                        .hasMessageContaining("/iiif/luanfuzhi.json"));
    }

    @Test
    void documentsSourceBindsWithTwoWorkersAndItsLedgerInsideTheDirectory() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-digitized",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=documents",
                        "shangdang.sources[0].documents.directory=/srv/shangdang/digitized",
                        "shangdang.sources[0].documents.script=traditional")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DocumentsProperties documents = context.getBean(SourcesProperties.class)
                            .source("changzhi-digitized").orElseThrow().documents();
                    assertThat(documents.directory()).isEqualTo(Path.of("/srv/shangdang/digitized"));
                    assertThat(documents.ledger()).isEqualTo(Path.of("/srv/shangdang/digitized/.shangdang-extracted"));
                    assertThat(documents.script()).isEqualTo(Script.TRADITIONAL);
                    assertThat(documents.workers()).isEqualTo(2);
                    assertThat(documents.maxFileSize()).isEqualTo(DataSize.ofMegabytes(100));
                    assertThat(documents.timeout()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(documents.childHeap()).isEqualTo(DataSize.ofMegabytes(512));
                    assertThat(documents.tesseract()).isEqualTo("tesseract");
                });
    }

    @Test
    void documentsSourceWithoutDirectoryOrWithTooManyWorkersStopsStartUpNamingSourceAndProperty() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-digitized",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=documents")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-digitized'")
                        .hasMessageContaining("documents.directory"));
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-digitized",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=documents",
                        "shangdang.sources[0].documents.directory=/srv/shangdang/digitized",
                        "shangdang.sources[0].documents.workers=64")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-digitized'")
                        .hasMessageContaining("documents.workers")
                        .hasMessageContaining("64"));
    }

    @EnableConfigurationProperties({SourcesProperties.class, HarvestProperties.class})
    static class PropertiesOnly {
    }
}
