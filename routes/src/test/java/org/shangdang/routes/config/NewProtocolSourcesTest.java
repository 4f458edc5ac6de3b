package org.shangdang.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.sru.SruVersion;
import org.shangdang.record.RecordFormat;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NewProtocolSourcesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void sruSourceBindsWithDocumentedDefaults() {
        // given an SRU source with only its base URL
        runner.withPropertyValues(
                        "shangdang.sources[0].id=wuxiang-county",
                        "shangdang.sources[0].library=武乡县图书馆",
                        "shangdang.sources[0].protocol=sru",
                        "shangdang.sources[0].sru.base-url=http://opac.example.cn/sru")
                // when the application starts
                .run(context -> {
                    // then
                    assertThat(context).hasNotFailed();
                    SourceProperties source = context.getBean(SourcesProperties.class).source("wuxiang-county").orElseThrow();
                    assertThat(source.protocol()).isEqualTo(Protocol.SRU);
                    assertThat(source.sruSource().baseUrl()).isEqualTo(URI.create("http://opac.example.cn/sru"));
                    assertThat(source.sruSource().version()).isEqualTo(SruVersion.V1_2);
                    assertThat(source.sruSource().recordSchema()).isEqualTo("marcxml");
                    assertThat(source.sruSource().format()).isEqualTo(RecordFormat.MARCXML);
                    assertThat(source.sruQuery(1).cql()).isEqualTo("cql.allRecords=1");
                    assertThat(source.sruQuery(1).maximumRecords()).isEqualTo(50);
                });
    }

    @Test
    void fileDropSourceBindsWithDefaultQuietPeriod() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-drop",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=filedrop",
                        "shangdang.sources[0].filedrop.inbox=/var/lib/shangdang/inbox")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SourceProperties source = context.getBean(SourcesProperties.class).source("changzhi-drop").orElseThrow();
                    assertThat(source.protocol()).isEqualTo(Protocol.FILEDROP);
                    assertThat(source.filedrop().inbox()).isEqualTo(Path.of("/var/lib/shangdang/inbox"));
                    assertThat(source.filedrop().quietPeriod()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void sruSourceWithoutBaseUrlOrWithUnknownVersionStopsStartUpNamingSourceAndProperty() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=wuxiang-county",
                        "shangdang.sources[0].library=武乡县图书馆",
                        "shangdang.sources[0].protocol=sru")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'wuxiang-county'")
                        .hasMessageContaining("shangdang.sources[].sru.base-url"));
        runner.withPropertyValues(
                        "shangdang.sources[0].id=wuxiang-county",
                        "shangdang.sources[0].library=武乡县图书馆",
                        "shangdang.sources[0].protocol=sru",
                        "shangdang.sources[0].sru.base-url=http://opac.example.cn/sru",
                        "shangdang.sources[0].sru.version=1.1")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'wuxiang-county'")
                        .hasMessageContaining("sru.version")
                        .hasMessageContaining("1.1"));
    }

    @Test
    void fileDropSourceWithoutInboxStopsStartUpNamingSourceAndProperty() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-drop",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=filedrop")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-drop'")
                        .hasMessageContaining("shangdang.sources[].filedrop.inbox"));
    }

    @EnableConfigurationProperties({SourcesProperties.class, HarvestProperties.class})
    static class PropertiesOnly {
    }
}
