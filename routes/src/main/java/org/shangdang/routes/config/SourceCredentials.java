package org.shangdang.routes.config;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How a source authenticates ({@code shangdang.sources[].credentials}): only the NAMES of environment variables
 * are configured, never the secrets, so that no secret sits in a YAML file, a Git repository or a log line. The
 * values are read from the process environment when the application starts (see
 * {@link org.shangdang.routes.harvest.SourceHttp}); a named variable that is unset or blank stops start-up.
 * A plain {@code password} or {@code token} in the configuration is refused with a message that does not repeat it.
 *
 * <p>Either HTTP Basic ({@code username-env} and {@code password-env}) or a bearer token ({@code token-env}), not both.
 *
 * @param usernameEnv the variable holding the HTTP Basic user name, e.g. {@code CHANGZHI_OAI_USER}
 * @param passwordEnv the variable holding the HTTP Basic password, e.g. {@code CHANGZHI_OAI_PASSWORD}
 * @param tokenEnv the variable holding a token sent as {@code Authorization: Bearer …}
 * @param password refused: bound only so that a plain secret in the configuration stops start-up
 * @param token refused, as {@code password}
 */
public record SourceCredentials(String usernameEnv, String passwordEnv, String tokenEnv, String password,
        String token) {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    @ConstructorBinding
    public SourceCredentials {
        // Checked by validated(sourceId), which can name the source.
    }

    /** Credentials that name their environment variables. */
    public SourceCredentials(String usernameEnv, String passwordEnv, String tokenEnv) {
        this(usernameEnv, passwordEnv, tokenEnv, null, null);
    }

    /** The kind of authentication these credentials configure. */
    public enum Kind {
        /** {@code Authorization: Basic base64(user:password)}. */
        BASIC,
        /** {@code Authorization: Bearer token}. */
        BEARER
    }

    /** Basic or bearer, as configured. */
    public Kind kind() {
        return tokenEnv != null ? Kind.BEARER : Kind.BASIC;
    }

    /** Every environment variable these credentials read, in the order user, password, token. */
    public java.util.List<String> variables() {
        return java.util.stream.Stream.of(usernameEnv, passwordEnv, tokenEnv).filter(v -> v != null).toList();
    }

    /**
     * These credentials, checked for the source with this id.
     *
     * @throws IllegalArgumentException naming the source and property, never a value that may be a secret
     */
    SourceCredentials validated(String sourceId) {
        String where = "source '" + sourceId + "': shangdang.sources[].credentials.";
        if (!isBlank(password) || !isBlank(token)) {
            throw new IllegalArgumentException(where + (isBlank(password) ? "token" : "password")
                    + " must not be written in the configuration (the value is not repeated here); put the secret in an"
                    + " environment variable and name it with " + (isBlank(password) ? "token-env" : "password-env"));
        }
        String user = variable(where, "username-env", usernameEnv);
        String pass = variable(where, "password-env", passwordEnv);
        String tok = variable(where, "token-env", tokenEnv);
        if (tok != null && (user != null || pass != null)) {
            throw new IllegalArgumentException(where + "token-env and username-env/password-env exclude each other;"
                    + " configure one kind of authentication");
        }
        if (tok == null && (user == null) != (pass == null)) {
            throw new IllegalArgumentException(where + (user == null ? "username-env" : "password-env")
                    + " is required with " + (user == null ? "password-env" : "username-env"));
        }
        if (tok == null && user == null) {
            throw new IllegalArgumentException(where + "username-env and password-env, or token-env, are required"
                    + " when credentials are given");
        }
        return new SourceCredentials(user, pass, tok);
    }

    private static String variable(String where, String property, String name) {
        if (isBlank(name)) {
            return null;
        }
        String stripped = name.strip();
        if (!VARIABLE.matcher(stripped).matches()) {
            // The value may be a secret pasted into the wrong property: say what is wrong without repeating it.
            throw new IllegalArgumentException(where + property + " must be the NAME of an environment variable"
                    + " (letters, digits and '_', not starting with a digit); got a value of " + stripped.length()
                    + " characters that is not one (not repeated here in case it is a secret)");
        }
        return stripped;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        // Names only; the record holds no secret, but keep a refused plain value out of any log.
        return "SourceCredentials[usernameEnv=" + usernameEnv + ", passwordEnv=" + passwordEnv + ", tokenEnv="
                + tokenEnv + "]";
    }
}
