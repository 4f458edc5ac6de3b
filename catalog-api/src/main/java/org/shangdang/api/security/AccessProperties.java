package org.shangdang.api.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the staff API ({@code shangdang.security}). Secrets are configured only as hashes in Spring
 * Security's encoded form ({@code {bcrypt}$2a$10$…}, {@code {pbkdf2}…}); {@code java -jar shangdang.jar hash-secret}
 * makes one. An entry whose hash is blank (its environment variable is unset) is ignored, so with nothing
 * configured the staff API answers 401 to everyone.
 *
 * @param users HTTP Basic credentials
 * @param apiKeys API keys, sent as {@code X-Api-Key: <key>} or {@code Authorization: Bearer <key>}
 * @param readOnlyPostPaths public paths where POST is a read (OAI-PMH allows form-encoded POST requests); every
 *     other write to a public path answers 405; default {@code /oai}
 */
@ConfigurationProperties("shangdang.security")
public record AccessProperties(
        @DefaultValue List<User> users,
        @DefaultValue List<ApiKey> apiKeys,
        @DefaultValue("/oai") List<String> readOnlyPostPaths) {

    public AccessProperties {
        users = users == null ? List.of() : users.stream().filter(u -> !isBlank(u.passwordHash())).toList();
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(k -> !isBlank(k.hash())).toList();
        readOnlyPostPaths = readOnlyPostPaths == null ? List.of() : List.copyOf(readOnlyPostPaths);
        Set<String> names = new HashSet<>();
        for (User user : users) {
            if (!names.add("user:" + user.name())) {
                throw new IllegalArgumentException("shangdang.security.users: user '" + user.name()
                        + "' is configured more than once");
            }
        }
        for (ApiKey key : apiKeys) {
            if (!names.add("key:" + key.name())) {
                throw new IllegalArgumentException("shangdang.security.api-keys: key name '" + key.name()
                        + "' is configured more than once");
            }
        }
    }

    /** Whether any credential is configured at all. */
    public boolean anyCredential() {
        return !users.isEmpty() || !apiKeys.isEmpty();
    }

    /**
     * An HTTP Basic credential.
     *
     * @param name the user name; required when a hash is given
     * @param passwordHash the password's hash, e.g. {@code {bcrypt}$2a$10$…}; blank disables the user
     * @param role {@code staff} (the default) or {@code public}
     */
    public record User(String name, String passwordHash, @DefaultValue("STAFF") Role role) {

        public User {
            if (!isBlank(passwordHash)) {
                requireName("users", name);
                passwordHash = requireHash("users[" + name + "].password-hash", passwordHash);
            }
            role = role == null ? Role.STAFF : role;
        }

        @Override
        public String toString() {
            return "User[" + name + ", " + role + "]";
        }
    }

    /**
     * An API key.
     *
     * @param name what the key is for, e.g. {@code portal-changzhi}; shown in logs and metrics instead of the key
     * @param hash the key's hash, e.g. {@code {bcrypt}$2a$10$…}; blank disables the key
     * @param role {@code public} (the default) or {@code staff}
     */
    public record ApiKey(String name, String hash, @DefaultValue("PUBLIC") Role role) {

        public ApiKey {
            if (!isBlank(hash)) {
                requireName("api-keys", name);
                hash = requireHash("api-keys[" + name + "].hash", hash);
            }
            role = role == null ? Role.PUBLIC : role;
        }

        @Override
        public String toString() {
            return "ApiKey[" + name + ", " + role + "]";
        }
    }

    /** Encoders that need nothing beyond Spring Security itself (argon2 and scrypt would need Bouncy Castle). */
    private static final Set<String> ENCODERS = Set.of("bcrypt", "pbkdf2", "pbkdf2@SpringSecurity_v5_8");

    private static void requireName(String list, String name) {
        if (isBlank(name)) {
            throw new IllegalArgumentException("shangdang.security." + list + "[].name is required for an entry with a"
                    + " hash");
        }
    }

    /** Accepts only a hash in an encoded form this application verifies; never echoes the value. */
    private static String requireHash(String property, String hash) {
        String value = hash.strip();
        if (value.startsWith("$2a$") || value.startsWith("$2b$") || value.startsWith("$2y$")) {
            return "{bcrypt}" + value;
        }
        int close = value.indexOf('}');
        String id = value.startsWith("{") && close > 1 ? value.substring(1, close) : "";
        if (!ENCODERS.contains(id) || close == value.length() - 1) {
            List<String> known = new ArrayList<>(ENCODERS);
            known.sort(null);
            throw new IllegalArgumentException("shangdang.security." + property + " must be a hash such as"
                    + " {bcrypt}$2a$10$… made by 'java -jar shangdang.jar hash-secret' (encoders: " + known
                    + "); got a value of " + value.length() + " characters that is not one. Plain-text secrets are"
                    + " not accepted.");
        }
        return value;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
