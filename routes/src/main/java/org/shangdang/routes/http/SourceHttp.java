package org.shangdang.routes.http;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.shangdang.routes.config.SourceCredentials;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;

/**
 * The HTTP client each source is harvested with: the shared client plus the source's throttle
 * ({@code shangdang.sources[].throttle}, requests per second) and credentials
 * ({@code shangdang.sources[].credentials}, read from environment variables).
 *
 * <p>Built once at start-up: every variable an enabled source names is read then, and one that is unset or blank
 * stops start-up with a message naming the source and the variable (never a value). One throttle per source, shared
 * by all its requests however many runs there are, so back-to-back harvests stay within the rate too.
 *
 * <p>Thread-safe and immutable after construction.
 */
public final class SourceHttp {

    private final HttpClient shared;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * @param shared the client every request goes through
     * @param sources the configured sources; enabled ones that make requests get their own client
     * @param environment the process environment ({@code System::getenv}); replaceable in tests
     * @throws IllegalStateException if a variable an enabled source names is unset or blank
     */
    public SourceHttp(HttpClient shared, SourcesProperties sources, Function<String, String> environment) {
        this.shared = Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(environment, "environment");
        List<String> missing = new ArrayList<>();
        for (SourceProperties source : sources.enabled()) {
            Optional<String> authorization = source.sourceCredentials().flatMap(c -> authorization(source.id(), c,
                    environment, missing));
            Optional<Throttle> throttle = source.requestsPerSecond().isPresent()
                    ? Optional.of(new Throttle(source.requestsPerSecond().getAsDouble(), Throttle.Ticker.SYSTEM))
                    : Optional.empty();
            if (authorization.isPresent() || throttle.isPresent()) {
                clients.put(source.id(), new SourceHttpClient(source.id(), shared, throttle, authorization));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("source credentials: environment variable(s) unset or blank: "
                    + String.join("; ", missing) + ". Set them in the service's environment (never in the YAML).");
        }
    }

    /** Every source unthrottled and anonymous: the shared client as it is. */
    public static SourceHttp unthrottled(HttpClient shared) {
        return new SourceHttp(shared, new SourcesProperties(List.of()), name -> null);
    }

    /** The client to harvest this source with. */
    public HttpClient client(String sourceId) {
        return clients.getOrDefault(sourceId, shared);
    }

    private static Optional<String> authorization(String sourceId, SourceCredentials credentials,
            Function<String, String> environment, List<String> missing) {
        List<String> values = new ArrayList<>();
        for (String variable : credentials.variables()) {
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                missing.add("source '" + sourceId + "' needs " + variable);
            } else {
                values.add(value);
            }
        }
        if (values.size() != credentials.variables().size()) {
            return Optional.empty();
        }
        return Optional.of(switch (credentials.kind()) {
            case BEARER -> "Bearer " + values.get(0).strip();
            case BASIC -> "Basic " + Base64.getEncoder().encodeToString((values.get(0) + ":" + values.get(1))
                    .getBytes(StandardCharsets.UTF_8));
        });
    }
}
