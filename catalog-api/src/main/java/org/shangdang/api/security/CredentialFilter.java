package org.shangdang.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a credential from the request, wherever it goes: {@code X-Api-Key: <key>},
 * {@code Authorization: Bearer <key>} or {@code Authorization: Basic <user:password>}. A valid one makes the
 * request authenticated with its role; an invalid one is answered 401 at once (on public paths too, so a client
 * with a revoked key learns it); no credential leaves the request anonymous for the authorization rules.
 *
 * <p>Thread-safe; logs nothing about the secrets.
 */
public final class CredentialFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";

    private final Credentials credentials;
    private final AuthenticationEntryPoint entryPoint;

    public CredentialFilter(Credentials credentials, AuthenticationEntryPoint entryPoint) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Presented> presented = presented(request);
        if (presented.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Presented credential = presented.get();
        Optional<Credentials.Identity> identity = credential.user() == null
                ? credentials.apiKey(credential.secret())
                : credentials.basic(credential.user(), credential.secret());
        if (identity.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException(credential.user() == null
                    ? "the API key is not valid" : "the user name or password is not valid"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(Credentials.authenticated(identity.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** What the request presents; {@code user} is null for an API key. */
    private record Presented(String user, String secret) {}

    private static Optional<Presented> presented(HttpServletRequest request) {
        String key = request.getHeader(API_KEY_HEADER);
        if (key != null && !key.isBlank()) {
            return Optional.of(new Presented(null, key.strip()));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String value = authorization.strip();
        String scheme = value.contains(" ") ? value.substring(0, value.indexOf(' ')).toLowerCase(Locale.ROOT) : "";
        String rest = value.substring(scheme.length()).strip();
        if (scheme.equals("bearer")) {
            return Optional.of(new Presented(null, rest));
        }
        if (scheme.equals("basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return Optional.of(new Presented(decoded.substring(0, colon), decoded.substring(colon + 1)));
                }
            } catch (IllegalArgumentException e) {
                // Not Base64: treated as the wrong credential it is.
            }
            return Optional.of(new Presented("", ""));
        }
        // An unknown scheme is a credential this service cannot check: refuse it rather than ignore it.
        return Optional.of(new Presented("", ""));
    }
}
