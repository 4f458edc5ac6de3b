package org.shangdang.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configured credentials, in every context (the command line's too): as the application's
 * {@link org.springframework.security.authentication.AuthenticationManager}, it also keeps Spring Boot from
 * creating a default user with a generated password (and logging it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
public class CredentialsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsConfiguration.class);

    @Bean
    public Credentials credentials(AccessProperties access) {
        if (access.anyCredential()) {
            LOG.info("staff API: {} user(s) {} and {} API key(s) {} configured", access.users().size(),
                    access.users().stream().map(u -> u.name() + "/" + u.role()).toList(), access.apiKeys().size(),
                    access.apiKeys().stream().map(k -> k.name() + "/" + k.role()).toList());
        } else {
            LOG.warn("staff API locked: no credential is configured (shangdang.security.users / api-keys, e.g."
                    + " SHANGDANG_STAFF_PASSWORD_HASH); every staff request is answered 401");
        }
        return new Credentials(access);
    }

}
