package org.shangdang.routes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class JdbcSourcePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void aJdbcSourceBindsWithTheDefaultPageSizeAndNoCredentials() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=shangdang-opera",
                        "shangdang.sources[0].library=长治市群众艺术馆",
                        "shangdang.sources[0].protocol=jdbc",
                        "shangdang.sources[0].jdbc.url=jdbc:h2:mem:opera")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SourceProperties source = context.getBean(SourcesProperties.class).source("shangdang-opera")
                            .orElseThrow();
                    assertThat(source.protocol()).isEqualTo(Protocol.JDBC);
                    assertThat(source.operaDatabase().jdbcUrl()).isEqualTo("jdbc:h2:mem:opera");
                    assertThat(source.operaDatabase().pageSize()).isEqualTo(200);
                    assertThat(source.operaDatabase().user()).isEmpty();
                    assertThat(source.operaDatabase().password()).isEmpty();
                });
    }

    @Test
    void aJdbcSourceWithoutUrlOrWithAPasswordInTheUrlStopsStartUpNamingSourceAndProperty() {
        runner.withPropertyValues(
                        "shangdang.sources[0].id=shangdang-opera",
                        "shangdang.sources[0].library=长治市群众艺术馆",
                        "shangdang.sources[0].protocol=jdbc")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("source 'shangdang-opera'")
                        .hasMessageContaining("jdbc.url is required"));
        runner.withPropertyValues(
                        "shangdang.sources[0].id=shangdang-opera",
                        "shangdang.sources[0].library=长治市群众艺术馆",
                        "shangdang.sources[0].protocol=jdbc",
                        "shangdang.sources[0].jdbc.url=jdbc:mysql://db/opera?user=a&password=secret")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("must not hold a password")
                        .hasMessageNotContaining("secret"));
    }

    @Test
    void credentialsComeFromTheNamedEnvironmentVariablesAndAMissingOneIsNamed() {
        // HOME and PATH are set wherever this test runs; the third variable never is.
        SourceProperties withPassword = source("HOME", "PATH");
        SourceProperties missing = source(null, "SHANGDANG_TEST_UNSET_PASSWORD_7f3a");

        assertThat(withPassword.operaDatabase().user()).contains(System.getenv("HOME"));
        assertThat(withPassword.operaDatabase().password()).contains(System.getenv("PATH"));
        assertThat(withPassword.operaDatabase().toString()).doesNotContain(System.getenv("PATH"));
        assertThatThrownBy(missing::operaDatabase)
                .hasMessageContaining("source 'shangdang-opera'")
                .hasMessageContaining("SHANGDANG_TEST_UNSET_PASSWORD_7f3a");
    }

    private static SourceProperties source(String userEnv, String passwordEnv) {
        return new SourceProperties("shangdang-opera", null, "长治市群众艺术馆", null, Protocol.JDBC, null, null, null, null,
                new JdbcProperties("jdbc:h2:mem:opera", userEnv, passwordEnv, 50), null, null, null, true, 0, null);
    }

    @EnableConfigurationProperties(SourcesProperties.class)
    static class PropertiesOnly {
    }
}
