package org.shangdang.connectors.availability;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks up whether copies can be borrowed now, by barcode, at each library's own REST endpoint.
 *
 * <p><b>Protocol.</b> {@code GET <endpoint>?barcodes=<b1>,<b2>,…} (at most
 * {@link AvailabilitySettings#maxBarcodesPerRequest()} a request), answered with JSON:
 * <pre>{@code
 * { "library": "武乡县图书馆", "asOf": "2026-11-29T09:30:00+08:00",
 *   "items": [ { "barcode": "1404290001802", "status": "on_loan", "dueDate": "2026-12-20",
 *                "servicePoint": "悦读长治·八路军太行纪念馆书吧", "callNumber": "K265.4/12" }, … ] }
 * }</pre>
 * Status words: {@code available}; {@code on_loan}, {@code checked_out}, {@code overdue} (with {@code dueDate},
 * {@code yyyy-MM-dd} or an ISO date-time); {@code in_transit} (with {@code destination}, reported as the service
 * point); {@code lost}, {@code missing}, {@code in_repair}, {@code damaged}, {@code withdrawn}, {@code not_for_loan},
 * {@code reference}, {@code on_hold_shelf}, {@code on_order}, {@code in_processing} are UNAVAILABLE. Any other word is
 * UNKNOWN with the word as detail; a barcode the answer lacks is UNKNOWN ("does not know barcode"). Items an
 * endpoint sends beyond those asked for are ignored.
 *
 * <p><b>Degrading, never failing.</b> No lookup throws (save {@link NullPointerException} for null arguments): an
 * unconfigured library, a connection refused, an HTTP error, an answer later than {@link AvailabilitySettings#timeout()}
 * or one that is not the JSON above makes the copies UNKNOWN with the reason in {@link CopyAvailability#detail()}.
 * After such a failure the endpoint is not asked again for {@link AvailabilitySettings#downFor()}, so that lookups
 * answer at once rather than each waiting out the timeout.
 *
 * <p><b>Cache.</b> Answers the endpoint gave (UNKNOWN ones included) are served from memory for
 * {@link AvailabilitySettings#cacheTtl()}, marked {@link CopyAvailability.Freshness#CACHED}; failures are not cached
 * per copy. Past {@link AvailabilitySettings#maxCacheEntries()} expired entries are dropped, then the cache is
 * cleared.
 *
 * <p>Thread-safe: one client serves all callers. Concurrent lookups of the same uncached copy may each ask the
 * endpoint. The {@link HttpClient} belongs to the caller and is not closed here.
 */
public final class AvailabilityClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, AvailabilityStatus> STATUSES = statuses();

    private final Map<String, AvailabilityEndpoint> endpoints;
    private final HttpClient http;
    private final AvailabilitySettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<Key, CopyAvailability> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Down> down = new ConcurrentHashMap<>();

    private record Key(String libraryId, String barcode) {
    }

    private record Down(Instant until, String reason) {
    }

    /**
     * @param endpoints one per library; library ids must be unique
     * @throws IllegalArgumentException if two endpoints share a library id
     */
    public AvailabilityClient(Collection<AvailabilityEndpoint> endpoints, HttpClient http, AvailabilitySettings settings, Clock clock) {
        Map<String, AvailabilityEndpoint> byId = new HashMap<>();
        for (AvailabilityEndpoint endpoint : endpoints) {
            if (byId.put(endpoint.libraryId(), endpoint) != null) {
                throw new IllegalArgumentException("two availability endpoints for library " + endpoint.libraryId());
            }
        }
        this.endpoints = Map.copyOf(byId);
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The availability of one copy; never throws (see the class description). */
    public CopyAvailability lookup(String libraryId, String barcode) {
        return lookup(libraryId, List.of(barcode)).get(barcode);
    }

    /**
     * The availability of copies of one library.
     *
     * @return one answer per distinct barcode, in the order asked
     */
    public Map<String, CopyAvailability> lookup(String libraryId, Collection<String> barcodes) {
        Objects.requireNonNull(libraryId, "libraryId");
        LinkedHashSet<String> wanted = new LinkedHashSet<>();
        for (String barcode : barcodes) {
            wanted.add(Objects.requireNonNull(barcode, "barcode").strip());
        }
        Instant now = clock.instant();
        Map<String, CopyAvailability> answers = new LinkedHashMap<>();
        AvailabilityEndpoint endpoint = endpoints.get(libraryId);
        List<String> toAsk = new ArrayList<>();
        for (String barcode : wanted) {
            CopyAvailability hit = endpoint == null ? null : cache.get(new Key(libraryId, barcode));
            if (hit != null && hit.checkedAt().plus(settings.cacheTtl()).isAfter(now)) {
                answers.put(barcode, hit.withFreshness(CopyAvailability.Freshness.CACHED));
            } else {
                answers.put(barcode, null);
                toAsk.add(barcode);
            }
        }
        if (endpoint == null) {
            toAsk.forEach(b -> answers.put(b, CopyAvailability.unknown(libraryId, b,
                    "no availability endpoint is configured for library " + libraryId, now)));
            return answers;
        }
        for (int from = 0; from < toAsk.size(); from += settings.maxBarcodesPerRequest()) {
            List<String> batch = toAsk.subList(from, Math.min(toAsk.size(), from + settings.maxBarcodesPerRequest()));
            ask(endpoint, batch).forEach(answers::put);
        }
        return answers;
    }

    private Map<String, CopyAvailability> ask(AvailabilityEndpoint endpoint, List<String> barcodes) {
        Instant now = clock.instant();
        Down isDown = down.get(endpoint.libraryId());
        if (isDown != null && isDown.until().isAfter(now)) {
            return allUnknown(endpoint, barcodes, isDown.reason() + "; not asked again until " + isDown.until(), now);
        }
        URI url = url(endpoint, barcodes);
        String failure;
        try {
            CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(HttpRequest.newBuilder(url)
                    .timeout(settings.timeout())
                    .header("Accept", "application/json")
                    .header("User-Agent", "Shangdang-availability/1.0")
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> response;
            try {
                response = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new Failure("no answer within " + settings.timeout().toMillis() + " ms");
            }
            if (response.statusCode() != 200) {
                throw new Failure("HTTP " + response.statusCode());
            }
            Map<String, CopyAvailability> answers = parse(endpoint, barcodes, response.body(), clock.instant());
            down.remove(endpoint.libraryId());
            answers.values().forEach(a -> cache.put(new Key(endpoint.libraryId(), a.barcode()), a));
            trimCache();
            return answers;
        } catch (Failure e) {
            failure = e.getMessage();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failure = cause instanceof java.net.http.HttpTimeoutException
                    ? "no answer within " + settings.timeout().toMillis() + " ms"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (RuntimeException e) {
            failure = e.toString();
        }
        Instant failedAt = clock.instant();
        String reason = "availability endpoint of " + endpoint.library() + " (" + endpoint.libraryId() + ") failed: " + failure
                + " [request " + url + "]";
        down.put(endpoint.libraryId(), new Down(failedAt.plus(settings.downFor()), reason));
        return allUnknown(endpoint, barcodes, reason, failedAt);
    }

    private static Map<String, CopyAvailability> allUnknown(AvailabilityEndpoint endpoint, List<String> barcodes, String reason,
            Instant at) {
        Map<String, CopyAvailability> answers = new LinkedHashMap<>();
        barcodes.forEach(b -> answers.put(b, CopyAvailability.unknown(endpoint.libraryId(), b, reason, at)));
        return answers;
    }

    private static URI url(AvailabilityEndpoint endpoint, List<String> barcodes) {
        String query = "barcodes=" + URLEncoder.encode(String.join(",", barcodes), StandardCharsets.UTF_8);
        String base = endpoint.url().toString();
        return URI.create(base + (endpoint.url().getRawQuery() == null ? "?" : "&") + query);
    }

    private static Map<String, CopyAvailability> parse(AvailabilityEndpoint endpoint, List<String> barcodes, byte[] body, Instant at) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Failure("answer is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("items").isArray()) {
            throw new Failure("answer has no \"items\" array: " + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
        Map<String, JsonNode> byBarcode = new HashMap<>();
        for (JsonNode item : root.path("items")) {
            if (item.isObject() && item.path("barcode").isString()) {
                byBarcode.putIfAbsent(item.path("barcode").stringValue().strip(), item);
            }
        }
        Map<String, CopyAvailability> answers = new LinkedHashMap<>();
        for (String barcode : barcodes) {
            JsonNode item = byBarcode.get(barcode);
            answers.put(barcode, item == null
                    ? CopyAvailability.unknown(endpoint.libraryId(), barcode, endpoint.library() + " does not know barcode " + barcode, at)
                    : copy(endpoint, barcode, item, at));
        }
        return answers;
    }

    private static CopyAvailability copy(AvailabilityEndpoint endpoint, String barcode, JsonNode item, Instant at) {
        String word = text(item, "status").orElse("").strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        AvailabilityStatus status = STATUSES.getOrDefault(word, AvailabilityStatus.UNKNOWN);
        Optional<String> detail = status == AvailabilityStatus.UNKNOWN
                ? Optional.of(word.isEmpty() ? "no status given" : "unrecognised status '" + word + "' from " + endpoint.library())
                : Optional.of(word);
        Optional<LocalDate> due = status == AvailabilityStatus.ON_LOAN ? text(item, "dueDate").flatMap(AvailabilityClient::date)
                : Optional.empty();
        Optional<String> place = status == AvailabilityStatus.IN_TRANSIT
                ? text(item, "destination").or(() -> text(item, "servicePoint")) : text(item, "servicePoint");
        return new CopyAvailability(endpoint.libraryId(), barcode, status, due, place, detail, at, CopyAvailability.Freshness.LIVE);
    }

    private static Optional<String> text(JsonNode item, String name) {
        JsonNode node = item.path(name);
        return node.isString() && !node.stringValue().isBlank() ? Optional.of(node.stringValue().strip()) : Optional.empty();
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException notDate) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toLocalDate());
            } catch (DateTimeParseException notDateTime) {
                return Optional.empty();
            }
        }
    }

    private void trimCache() {
        if (cache.size() <= settings.maxCacheEntries()) {
            return;
        }
        Instant now = clock.instant();
        for (Iterator<CopyAvailability> it = cache.values().iterator(); it.hasNext(); ) {
            if (!it.next().checkedAt().plus(settings.cacheTtl()).isAfter(now)) {
                it.remove();
            }
        }
        if (cache.size() > settings.maxCacheEntries()) {
            // All fresh and still too many: a burst of distinct lookups; starting over costs only requests.
            cache.clear();
        }
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 80 ? line : line.substring(0, 80) + "…";
    }

    private static Map<String, AvailabilityStatus> statuses() {
        Map<String, AvailabilityStatus> map = new HashMap<>();
        map.put("available", AvailabilityStatus.AVAILABLE);
        for (String s : List.of("on_loan", "checked_out", "overdue", "loaned")) {
            map.put(s, AvailabilityStatus.ON_LOAN);
        }
        map.put("in_transit", AvailabilityStatus.IN_TRANSIT);
        for (String s : List.of("lost", "missing", "in_repair", "damaged", "withdrawn", "not_for_loan", "reference",
                "on_hold_shelf", "on_order", "in_processing")) {
            map.put(s, AvailabilityStatus.UNAVAILABLE);
        }
        return Map.copyOf(map);
    }

    /** A failed request, with the reason the copies' detail will give. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
