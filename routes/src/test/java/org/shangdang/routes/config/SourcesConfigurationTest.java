package org.shangdang.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.record.RecordFormat;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SourcesConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void minimalSourceBindsWithDocumentedDefaults() {
        // given only what a source needs
        runner.withPropertyValues(
                        "shangdang.sources[0].id=zhangzi-county",
                        "shangdang.sources[0].library=长子县图书馆",
                        "shangdang.sources[0].county=长子县",
                        "shangdang.sources[0].oaipmh.base-url=http://opac.example.cn/oai")
                // when the application starts
                .run(context -> {
                    // then
                    assertThat(context).hasNotFailed();
                    SourceProperties source = context.getBean(SourcesProperties.class).source("zhangzi-county").orElseThrow();
                    assertThat(source.name()).isEqualTo("zhangzi-county");
                    assertThat(source.enabled()).isTrue();
                    assertThat(source.protocol()).isEqualTo(Protocol.OAIPMH);
                    assertThat(source.cron()).isEmpty();
                    assertThat(source.sourceInfo().county()).contains("长子县");
                    assertThat(source.oaiPmhSource().baseUrl()).isEqualTo(URI.create("http://opac.example.cn/oai"));
                    assertThat(source.oaiPmhSource().metadataPrefix()).isEqualTo("oai_dc");
                    assertThat(source.oaiPmhSource().format()).isEqualTo(RecordFormat.OAI_DC);
                    assertThat(source.oaiPmhSource().set()).isEqualTo(Optional.empty());
                    HarvestProperties harvest = context.getBean(HarvestProperties.class);
                    assertThat(harvest.onStartup()).isFalse();
                    assertThat(harvest.pageCommitEvery()).isEqualTo(1);
                    assertThat(harvest.scheduleTimeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
                    assertThat(harvest.retry().policy().maxAttempts()).isEqualTo(5);
                    assertThat(harvest.http().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(harvest.indexUnavailable().maxWait()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(harvest.indexUnavailable().initialDelay()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(harvest.indexUnavailable().maxDelay()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void marcPrefixImpliesMarcxmlAndScheduleIsKept() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-city",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].schedule=0 0 2 * * ?",
                        "shangdang.sources[0].oaipmh.base-url=https://opac.example.cn/oai",
                        "shangdang.sources[0].oaipmh.metadata-prefix=marcxml",
                        "shangdang.sources[0].oaipmh.set=books",
                        "shangdang.harvest.retry.initial-delay=10ms",
                        "shangdang.harvest.retry.max-delay=50ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SourceProperties source = context.getBean(SourcesProperties.class).sources().get(0);
                    assertThat(source.oaiPmhSource().format()).isEqualTo(RecordFormat.MARCXML);
                    assertThat(source.oaiPmhSource().set()).contains("books");
                    assertThat(source.cron()).contains("0 0 2 * * ?");
                    assertThat(context.getBean(HarvestProperties.class).retry().policy().initialDelay())
                            .isEqualTo(Duration.ofMillis(10));
                });
    }

    @Test
    void duplicateSourceIdsStopStartup() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-city",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].oaipmh.base-url=http://a.example.cn/oai",
                        "shangdang.sources[1].id=changzhi-city",
                        "shangdang.sources[1].library=长治市图书馆",
                        "shangdang.sources[1].oaipmh.base-url=http://b.example.cn/oai")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-city'")
                        .hasMessageContaining("shangdang.sources[].id")
                        .hasMessageContaining("unique"));
    }

    @Test
    void missingBaseUrlStopsStartupNamingSourceAndField() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=wuxiang-county",
                        "shangdang.sources[0].library=武乡县图书馆",
                        "shangdang.sources[0].oaipmh.metadata-prefix=oai_dc")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'wuxiang-county'")
                        .hasMessageContaining("shangdang.sources[].oaipmh.base-url is required"));
    }

    @Test
    void relativeBaseUrlStopsStartupWithTheBadValue() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=wuxiang-county",
                        "shangdang.sources[0].library=武乡县图书馆",
                        "shangdang.sources[0].oaipmh.base-url=opac/oai")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'wuxiang-county'")
                        .hasMessageContaining("base-url")
                        .hasMessageContaining("opac/oai"));
    }

    @Test
    void badCronStopsStartupNamingSourceFieldAndValue() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-city",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].schedule=every night",
                        "shangdang.sources[0].oaipmh.base-url=http://a.example.cn/oai")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-city'")
                        .hasMessageContaining("shangdang.sources[].schedule")
                        .hasMessageContaining("every night"));
    }

    @Test
    void unknownMetadataPrefixWithoutFormatStopsStartup() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-city",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].oaipmh.base-url=http://a.example.cn/oai",
                        "shangdang.sources[0].oaipmh.metadata-prefix=mods")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-city'")
                        .hasMessageContaining("oaipmh.format is required for metadata-prefix mods"));
    }

    @Test
    void sourceWithoutIdOrLibraryStopsStartup() {
        runner.withPropertyValues(
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].oaipmh.base-url=http://a.example.cn/oai")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("shangdang.sources[].id is required"));
        runner.withPropertyValues(
                        "shangdang.sources[0].id=changzhi-city",
                        "shangdang.sources[0].oaipmh.base-url=http://a.example.cn/oai")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-city': shangdang.sources[].library is required"));
    }

    @Test
    void zeroPageCommitEveryStopsStartup() {
        runner.withPropertyValues("shangdang.harvest.page-commit-every=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("shangdang.harvest.page-commit-every must be >= 1; got: 0"));
    }

    @Test
    void zeroIndexUnavailableMaxWaitStopsStartup() {
        runner.withPropertyValues("shangdang.harvest.index-unavailable.max-wait=0s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("shangdang.harvest.index-unavailable.max-wait must be positive; got: PT0S"));
    }

    @Test
    void indexUnavailableMaxDelayBelowInitialDelayStopsStartup() {
        runner.withPropertyValues("shangdang.harvest.index-unavailable.initial-delay=5s",
                        "shangdang.harvest.index-unavailable.max-delay=1s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("shangdang.harvest.index-unavailable.max-delay must be >= initial-delay (PT5S);"
                                + " got: PT1S"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SourcesProperties.class, HarvestProperties.class})
    static class PropertiesOnly {
    }
}
