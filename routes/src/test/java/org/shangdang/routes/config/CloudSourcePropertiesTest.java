package org.shangdang.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.cloud.CloudCredentials;
import org.shangdang.connectors.cloud.CloudPlatform;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CloudSourcePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @EnableConfigurationProperties(SourcesProperties.class)
    static class PropertiesOnly {
    }

    @Test
    void aCloudSourceBindsWithCredentialVariablesNamedAfterItsId() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=national-cloud",
                        "shangdang.sources[0].library=国家公共文化云",
                        "shangdang.sources[0].protocol=cloud",
                        "shangdang.sources[0].cloud.platform=national",
                        "shangdang.sources[0].cloud.base-url=https://api.example.cn/ncpc/api/")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SourceProperties source = context.getBean(SourcesProperties.class).source("national-cloud").orElseThrow();
                    assertThat(source.protocol()).isEqualTo(Protocol.CLOUD);
                    assertThat(source.cloud().clientIdEnv()).isEqualTo("SHANGDANG_NATIONAL_CLOUD_CLIENT_ID");
                    assertThat(source.cloud().clientSecretEnv()).isEqualTo("SHANGDANG_NATIONAL_CLOUD_CLIENT_SECRET");
                    assertThat(source.cloud().pageSize()).isEqualTo(50);
                    var cloud = source.cloudSource(new CloudCredentials("id", "secret"));
                    assertThat(cloud.platform()).isEqualTo(CloudPlatform.NATIONAL);
                    assertThat(cloud.baseUrl()).isEqualTo(URI.create("https://api.example.cn/ncpc/api"));
                });
    }

    @Test
    void aCloudSourceWithoutPlatformOrWithABadVariableNameStopsStartUpNamingSourceAndProperty() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=sx",
                        "shangdang.sources[0].library=山西公共文化云",
                        "shangdang.sources[0].protocol=cloud",
                        "shangdang.sources[0].cloud.base-url=https://sxggwh.example/jeecg-boot")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'sx': shangdang.sources[].cloud.platform is required"));
        runner.withPropertyValues(
                        "shangdang.sources[0].id=sx",
                        "shangdang.sources[0].library=山西公共文化云",
                        "shangdang.sources[0].protocol=cloud",
                        "shangdang.sources[0].cloud.platform=shanxi",
                        "shangdang.sources[0].cloud.base-url=https://sxggwh.example/jeecg-boot",
                        "shangdang.sources[0].cloud.client-secret-env=${secret}")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'sx': shangdang.sources[].cloud.client-secret-env must name an environment variable"));
    }
}
