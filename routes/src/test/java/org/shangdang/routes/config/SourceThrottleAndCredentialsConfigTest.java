package org.shangdang.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Start-up validation of {@code shangdang.sources[].throttle} and {@code .credentials}. */
class SourceThrottleAndCredentialsConfigTest {

    private static final String SECRET = "s3cret-Pa55word!";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class)
            .withPropertyValues(
                    "shangdang.sources[0].id=changzhi-city",
                    "shangdang.sources[0].library=长治市图书馆",
                    "shangdang.sources[0].oaipmh.base-url=https://opac.example.cn/oai");

    @Test
    void throttleAndCredentialVariableNamesBind() {
        runner.withPropertyValues(
                        "shangdang.sources[0].throttle=0.5",
                        "shangdang.sources[0].credentials.username-env=CZ_OAI_USER",
                        "shangdang.sources[0].credentials.password-env=CZ_OAI_PASSWORD")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SourceProperties source = context.getBean(SourcesProperties.class).sources().get(0);
                    assertThat(source.requestsPerSecond()).isEqualTo(OptionalDouble.of(0.5));
                    assertThat(source.sourceCredentials()).hasValueSatisfying(c -> {
                        assertThat(c.kind()).isEqualTo(SourceCredentials.Kind.BASIC);
                        assertThat(c.variables()).containsExactly("CZ_OAI_USER", "CZ_OAI_PASSWORD");
                    });
                });
    }

    @Test
    void withoutThrottleASourceIsNotLimited() {
        runner.run(context -> assertThat(context.getBean(SourcesProperties.class).sources().get(0).requestsPerSecond())
                .isEmpty());
    }

    @Test
    void aNegativeOrHugeThrottleStopsStartupNamingSourceAndValue() {
        runner.withPropertyValues("shangdang.sources[0].throttle=-1")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-city'")
                        .hasMessageContaining("throttle must be between 0")
                        .hasMessageContaining("-1"));
        runner.withPropertyValues("shangdang.sources[0].throttle=5000")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("throttle").hasMessageContaining("5000"));
    }

    @Test
    void aThrottleOnAFileDropIsRefused() {
        new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
                .withPropertyValues(
                        "shangdang.sources[0].id=drop",
                        "shangdang.sources[0].library=长治市图书馆",
                        "shangdang.sources[0].protocol=filedrop",
                        "shangdang.sources[0].filedrop.inbox=/tmp/inbox",
                        "shangdang.sources[0].throttle=2")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'drop'")
                        .hasMessageContaining("throttle does not apply to protocol filedrop"));
    }

    @Test
    void aPlainPasswordInTheConfigurationStopsStartupWithoutRepeatingIt() {
        runner.withPropertyValues(
                        "shangdang.sources[0].credentials.username-env=CZ_OAI_USER",
                        "shangdang.sources[0].credentials.password=" + SECRET)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'changzhi-city'")
                        .hasMessageContaining("credentials.password must not be written in the configuration")
                        .hasMessageContaining("password-env")
                        .hasMessageNotContaining(SECRET));
    }

    @Test
    void aSecretPastedWhereAVariableNameBelongsIsRefusedWithoutRepeatingIt() {
        runner.withPropertyValues("shangdang.sources[0].credentials.token-env=" + SECRET)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("token-env must be the NAME of an environment variable")
                        .hasMessageNotContaining(SECRET));
    }

    @Test
    void aUserAndPasswordInTheBaseUrlAreRefusedWithoutRepeatingThem() {
        runner.withPropertyValues("shangdang.sources[0].oaipmh.base-url=https://czlib:" + SECRET + "@opac.example.cn/oai")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("base-url must not carry a user or password")
                        .hasMessageContaining("opac.example.cn")
                        .hasMessageNotContaining(SECRET));
    }

    @Test
    void halfABasicCredentialIsRefused() {
        runner.withPropertyValues("shangdang.sources[0].credentials.username-env=CZ_OAI_USER")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("password-env is required with username-env"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SourcesProperties.class)
    static class PropertiesOnly {
    }
}
