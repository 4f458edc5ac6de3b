package org.shangdang.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks presented secrets against the configured hashes ({@link AccessProperties}).
 *
 * <p>A successful check is remembered for a few minutes under the SHA-256 digest of what was presented (never the
 * secret itself), so a client sending the same key on every request pays the slow hash once; failures are never
 * remembered. Unknown user names still cost one hash comparison, so timing does not tell which names exist.
 *
 * <p>Thread-safe. As an {@link AuthenticationManager} it accepts a {@link UsernamePasswordAuthenticationToken}
 * whose principal is the user name (HTTP Basic) or {@link #API_KEY} (the credentials then being the key).
 * Neither this class nor its exceptions ever put a secret in a message.
 */
public final class Credentials implements AuthenticationManager {

    /** The principal of a token that carries an API key. */
    public static final String API_KEY = "\u0000api-key";

    private static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;

    private final AccessProperties access;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** A hash of a secret nobody knows, compared against when the user name is unknown. */
    private final String dummyHash = encoder.encode(UUID.randomUUID().toString());

    public Credentials(AccessProperties access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    /** The identity behind a credential: its configured name and role. */
    public record Identity(String name, Role role) {}

    /** The identity of a user whose password matches its hash; empty otherwise. */
    public Optional<Identity> basic(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        String digest = digest("basic", user, password);
        Optional<Identity> known = recall(digest);
        if (known.isPresent()) {
            return known;
        }
        List<AccessProperties.User> matching = access.users().stream().filter(u -> u.name().equals(user)).toList();
        if (matching.isEmpty()) {
            encoder.matches(password, dummyHash);
            return Optional.empty();
        }
        AccessProperties.User found = matching.get(0);
        if (!encoder.matches(password, found.passwordHash())) {
            return Optional.empty();
        }
        return remember(digest, new Identity(found.name(), found.role()));
    }

    /** The identity of an API key that matches one of the configured hashes; empty otherwise. */
    public Optional<Identity> apiKey(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String digest = digest("key", "", key);
        Optional<Identity> known = recall(digest);
        if (known.isPresent()) {
            return known;
        }
        for (AccessProperties.ApiKey configured : access.apiKeys()) {
            if (encoder.matches(key, configured.hash())) {
                return remember(digest, new Identity(configured.name(), configured.role()));
            }
        }
        return Optional.empty();
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String principal = String.valueOf(authentication.getPrincipal());
        String secret = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        Optional<Identity> identity = API_KEY.equals(principal) ? apiKey(secret) : basic(principal, secret);
        return identity.map(Credentials::authenticated)
                .orElseThrow(() -> new BadCredentialsException(API_KEY.equals(principal)
                        ? "the API key is not valid" : "the user name or password is not valid"));
    }

    /** An authenticated token for this identity, without the secret. */
    static UsernamePasswordAuthenticationToken authenticated(Identity identity) {
        return UsernamePasswordAuthenticationToken.authenticated(identity, null,
                List.of(new SimpleGrantedAuthority(identity.role().authority())));
    }

    private Optional<Identity> recall(String digest) {
        Remembered hit = remembered.get(digest);
        if (hit == null) {
            return Optional.empty();
        }
        if (hit.until() < System.nanoTime()) {
            remembered.remove(digest, hit);
            return Optional.empty();
        }
        return Optional.of(hit.identity());
    }

    private Optional<Identity> remember(String digest, Identity identity) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(digest, new Remembered(identity, System.nanoTime() + REMEMBER.toNanos()));
        return Optional.of(identity);
    }

    private static String digest(String kind, String user, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((kind + '\u0000' + user + '\u0000').getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Hashes a secret the way configuration expects it: {@code {bcrypt}$2a$10$…}. */
    public static String hash(CharSequence secret) {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(secret);
    }

    private record Remembered(Identity identity, long until) {}
}
