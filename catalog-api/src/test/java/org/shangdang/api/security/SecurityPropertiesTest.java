package org.shangdang.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityPropertiesTest {

    @Test
    void aPlainTextSecretIsRefusedWithoutBeingEchoed() {
        assertThatThrownBy(() -> new AccessProperties.User("staff", "hunter2-plain", Role.STAFF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users[staff].password-hash")
                .hasMessageContaining("hash-secret")
                .hasMessageNotContaining("hunter2-plain");
        assertThatThrownBy(() -> new AccessProperties.ApiKey("portal", "{noop}abc123", Role.PUBLIC))
                .hasMessageContaining("api-keys[portal].hash")
                .hasMessageNotContaining("abc123");
    }

    @Test
    void entriesWithABlankHashAreIgnoredSoUnsetVariablesDisableThem() {
        AccessProperties access = new AccessProperties(
                List.of(new AccessProperties.User("staff", "", Role.STAFF)),
                List.of(new AccessProperties.ApiKey("portal", null, null)), List.of("/oai"));

        assertThat(access.anyCredential()).isFalse();
    }

    @Test
    void aHashedSecretIsVerifiedAndTheWrongOneIsNot() {
        String hash = Credentials.hash("correct horse");
        AccessProperties access = new AccessProperties(List.of(new AccessProperties.User("staff", hash, null)),
                List.of(new AccessProperties.ApiKey("portal", Credentials.hash("portal-key"), null)), List.of());
        Credentials credentials = new Credentials(access);

        assertThat(hash).startsWith("{bcrypt}$2a$");
        assertThat(credentials.basic("staff", "correct horse")).contains(new Credentials.Identity("staff", Role.STAFF));
        assertThat(credentials.basic("staff", "correct horse")).as("remembered").isPresent();
        assertThat(credentials.basic("staff", "wrong")).isEmpty();
        assertThat(credentials.basic("other", "correct horse")).isEmpty();
        assertThat(credentials.apiKey("portal-key")).contains(new Credentials.Identity("portal", Role.PUBLIC));
        assertThat(credentials.apiKey("portal-key2")).isEmpty();
    }

    @Test
    void aBareBcryptHashIsAcceptedAndTheSameNameTwiceIsNot() {
        String bare = Credentials.hash("x").substring("{bcrypt}".length());

        assertThat(new AccessProperties.User("a", bare, null).passwordHash()).startsWith("{bcrypt}$2a$");
        assertThatThrownBy(() -> new AccessProperties(List.of(new AccessProperties.User("a", bare, null),
                new AccessProperties.User("a", bare, null)), List.of(), List.of()))
                .hasMessageContaining("'a' is configured more than once");
    }
}
