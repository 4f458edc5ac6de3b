package org.shangdang.api.demo;

import java.util.Map;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.routes.config.SecretLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * In the {@code demo} profile, the secrets of the demo's culture-cloud sources: the environment first, as in
 * production, and where a variable is unset the fixture clouds' published test credentials, so that the demo runs
 * with no configuration. The fallback covers only the variables the demo's sources name by default; the fixture
 * credentials open nothing but the in-process fixtures.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoSecretsConfiguration {

    private static final Map<String, String> FIXTURE_CREDENTIALS = Map.of(
            "SHANGDANG_NATIONAL_CLOUD_CLIENT_ID", FixtureSources.NATIONAL_CLOUD_CLIENT_ID,
            "SHANGDANG_NATIONAL_CLOUD_CLIENT_SECRET", FixtureSources.NATIONAL_CLOUD_CLIENT_SECRET,
            "SHANGDANG_SHANXI_CLOUD_CLIENT_ID", FixtureSources.SHANXI_CLOUD_APP_KEY,
            "SHANGDANG_SHANXI_CLOUD_CLIENT_SECRET", FixtureSources.SHANXI_CLOUD_APP_SECRET);

    @Bean
    SecretLookup demoSecretLookup() {
        SecretLookup environment = SecretLookup.environment();
        return name -> environment.secret(name).or(() -> java.util.Optional.ofNullable(FIXTURE_CREDENTIALS.get(name)));
    }
}
