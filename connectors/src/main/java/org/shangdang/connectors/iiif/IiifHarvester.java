package org.shangdang.connectors.iiif;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import tools.jackson.databind.JsonNode;

/**
 * Harvests the manifests of one IIIF source, one raw record per {@link #next()}: the configured collections
 * are walked breadth-first (v3 {@code items}; v2 {@code members}, {@code collections}, {@code manifests}),
 * nested collections down to {@link IiifSource#maxDepth()}, then the configured single manifests.
 *
 * <p><b>Records.</b> Each manifest becomes a {@link RawRecord} of format {@link RecordFormat#IIIF_MANIFEST}
 * whose payload is the JSON exactly as served, whose record id is the manifest's {@code id}/{@code @id} (the
 * URL when it has none) and whose datestamp is the response's {@code Last-Modified}, else the time the harvest
 * was opened. Whether the manifest is usable (a label, …) is the crosswalk's business.
 *
 * <p><b>Cycles.</b> Every URL and every document id is visited once, so a collection that lists itself or its
 * parent, or two collections sharing a manifest, yield each manifest once.
 *
 * <p><b>Failures.</b> A configured collection that cannot be had throws {@link IiifHarvestException} (a setup
 * failure). Anything below it, and any configured manifest, that is unreachable, not JSON, of another type or
 * nested too deep is a record failure: logged, kept in {@link #failures()}, and the harvest goes on. HTTP 429
 * and 5xx, timeouts and broken connections are retried {@value #MAX_ATTEMPTS} times with a growing pause
 * ({@code Retry-After} honoured up to {@value #MAX_RETRY_AFTER_SECONDS} s); other 4xx fail at once.
 *
 * <p><b>Listing.</b> Once the last manifest was pulled, {@link #walk()} says whether every collection was read
 * ({@link Walk#COMPLETE}) and {@link #lists(String)} whether a record id is still listed: a manifest listed by a
 * collection or configured is listed even when it could not be fetched. A collection below a configured one that
 * could not be read, or a listed document whose type was not stated, makes the walk {@link Walk#INCOMPLETE}: what
 * it would have listed is unknown. A caller deletes what vanished only after a complete walk.
 *
 * <p>Not thread-safe: one harvester is pulled by one thread. {@link #hasNext()} may block on the network.
 * {@link #close()} is idempotent, ends the iteration and does not close the {@link HttpClient}.
 */
public final class IiifHarvester implements Iterator<RawRecord>, AutoCloseable {

    static final int MAX_ATTEMPTS = 3;
    static final long MAX_RETRY_AFTER_SECONDS = 30;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger(IiifHarvester.class.getName());

    private record Pending(URI url, int depth, boolean configuredCollection, Listed listedAs) {
    }

    /** What the document that listed a member said it is. */
    private enum Listed {
        COLLECTION,
        MANIFEST,
        UNSTATED
    }

    /** How far the walk over the source's collections got. */
    public enum Walk {
        /** Documents are still to be fetched, or the harvester was closed before the end. */
        UNFINISHED,
        /** Every collection was read: {@link #lists(String)} knows every manifest the source lists. */
        COMPLETE,
        /** The walk ended but a collection, or a document of unstated type, could not be read. */
        INCOMPLETE
    }

    private final IiifSource source;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration retryPause;
    private final Instant openedAt = Instant.now();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Set<String> visited = new HashSet<>();
    private final List<IiifFailure> failures = new ArrayList<>();
    private final Set<String> listed = new HashSet<>();
    private boolean unreadListing;
    private RawRecord waiting;
    private boolean closed;

    private IiifHarvester(IiifSource source, HttpClient http, Duration requestTimeout, Duration retryPause) {
        this.source = Objects.requireNonNull(source, "source");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.retryPause = Objects.requireNonNull(retryPause, "retryPause");
        source.collections().forEach(url -> enqueue(new Pending(url, 0, true, Listed.COLLECTION)));
        source.manifests().forEach(url -> enqueue(new Pending(url, 0, false, Listed.MANIFEST)));
    }

    /** A harvester before its first request; requests time out after 60 s, retries pause 1 s, 2 s. */
    public static IiifHarvester open(IiifSource source, HttpClient http) {
        return new IiifHarvester(source, http, DEFAULT_TIMEOUT, Duration.ofSeconds(1));
    }

    /** As {@link #open(IiifSource, HttpClient)}, with the request timeout and the first retry pause. */
    public static IiifHarvester open(IiifSource source, HttpClient http, Duration requestTimeout, Duration retryPause) {
        return new IiifHarvester(source, http, requestTimeout, retryPause);
    }

    /**
     * Whether another manifest follows, fetching documents until one is found or none is left.
     *
     * @throws IiifHarvestException if a configured collection cannot be had
     */
    @Override
    public boolean hasNext() {
        while (waiting == null && !closed && !queue.isEmpty()) {
            waiting = visit(queue.poll()).orElse(null);
        }
        return waiting != null;
    }

    /** The next manifest as a raw record. @throws NoSuchElementException after the last or once closed */
    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("IIIF source " + source.sourceId() + ": no more manifests");
        }
        RawRecord next = waiting;
        waiting = null;
        return next;
    }

    /** The documents skipped so far, in the order met; a copy. */
    public List<IiifFailure> failures() {
        return List.copyOf(failures);
    }

    /** How far the walk got; {@link Walk#COMPLETE} only after the last manifest was pulled. */
    public Walk walk() {
        if (closed || !queue.isEmpty() || waiting != null) {
            return Walk.UNFINISHED;
        }
        return unreadListing ? Walk.INCOMPLETE : Walk.COMPLETE;
    }

    /**
     * Whether the source still lists the manifest of this record id (a manifest's {@code id}/{@code @id} or URL;
     * http/https, a trailing slash or fragment do not matter). Meaningful once {@link #walk()} is
     * {@link Walk#COMPLETE}.
     */
    public boolean lists(String recordId) {
        return listed.contains(normalise(recordId));
    }

    @Override
    public void close() {
        closed = true;
        waiting = null;
        queue.clear();
    }

    private Optional<RawRecord> visit(Pending pending) {
        if (!visited.add(normalise(pending.url().toString()))) {
            return Optional.empty();
        }
        byte[] body;
        Optional<Instant> lastModified;
        try {
            HttpResponse<byte[]> response = fetch(pending.url());
            body = response.body();
            lastModified = response.headers().firstValue("Last-Modified").flatMap(IiifHarvester::httpDate);
        } catch (FetchFailed e) {
            return fail(pending, e.getMessage(), e.getCause());
        }
        IiifJson.Parsed parsed = IiifJson.parse(body);
        if (parsed instanceof IiifJson.Parsed.Unreadable u) {
            return fail(pending, u.reason(), null);
        }
        JsonNode document = ((IiifJson.Parsed.Document) parsed).json();
        Optional<String> type = IiifJson.type(document);
        Optional<String> id = IiifJson.id(document);
        // A document reached under a second URL (its id differs from where it was linked from) is still one document.
        if (id.isPresent() && !id.get().equals(pending.url().toString()) && !visited.add(normalise(id.get()))) {
            return Optional.empty();
        }
        if (type.filter(IiifJson::isCollectionType).isPresent()) {
            if (pending.depth() > source.maxDepth()) {
                return fail(pending, "collection nested " + pending.depth() + " levels deep; maxDepth is " + source.maxDepth(), null);
            }
            for (Pending member : members(document, pending.depth() + 1)) {
                enqueue(member);
            }
            return Optional.empty();
        }
        if (pending.configuredCollection()) {
            return fail(pending, "expected a IIIF Collection; got " + type.map(t -> "a " + t).orElse("no type/@type"), null);
        }
        if (type.filter(IiifJson::isManifestType).isEmpty()) {
            return fail(pending, type.map(t -> "a IIIF " + t + ", neither Manifest nor Collection")
                    .orElse("no type/@type: not a IIIF Presentation resource"), null);
        }
        id.ifPresent(i -> listed.add(normalise(i)));
        return Optional.of(new RawRecord(source.sourceId(), id.orElse(pending.url().toString()),
                lastModified.orElse(openedAt), RecordFormat.IIIF_MANIFEST, body, RecordStatus.PRESENT));
    }

    private void enqueue(Pending pending) {
        if (pending.listedAs() == Listed.MANIFEST) {
            listed.add(normalise(pending.url().toString()));
        }
        queue.add(pending);
    }

    /** A collection's member manifests and collections, in document order, as the collection types them. */
    private List<Pending> members(JsonNode collection, int depth) {
        List<Pending> members = new ArrayList<>();
        for (String field : List.of("items", "members", "collections", "manifests")) {
            for (JsonNode node : collection.path(field).values()) {
                Optional<URI> url = IiifJson.id(node).flatMap(IiifHarvester::uri);
                if (url.isEmpty()) {
                    continue;
                }
                Listed listedAs = switch (field) {
                    case "manifests" -> Listed.MANIFEST;
                    case "collections" -> Listed.COLLECTION;
                    default -> IiifJson.type(node).map(t -> IiifJson.isManifestType(t) ? Listed.MANIFEST
                            : IiifJson.isCollectionType(t) ? Listed.COLLECTION : Listed.UNSTATED)
                            .orElse(Listed.UNSTATED);
                };
                members.add(new Pending(url.get(), depth, false, listedAs));
            }
        }
        return members;
    }

    private Optional<RawRecord> fail(Pending pending, String reason, Throwable cause) {
        if (pending.configuredCollection()) {
            throw new IiifHarvestException(source.sourceId(), pending.url(), reason, cause);
        }
        if (pending.listedAs() != Listed.MANIFEST) {
            // What an unread collection lists is unknown, so nothing it might list may be taken for gone.
            unreadListing = true;
        }
        IiifFailure failure = new IiifFailure(source.sourceId(), pending.url(), reason);
        LOG.log(Level.WARNING, failure.toString());
        failures.add(failure);
        return Optional.empty();
    }

    private static final class FetchFailed extends Exception {
        FetchFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private HttpResponse<byte[]> fetch(URI url) throws FetchFailed {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Accept", "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\", application/json;q=0.9, */*;q=0.1")
                .header("User-Agent", "Shangdang-IIIF-harvester/1.0")
                .GET()
                .build();
        String last = "";
        Throwable lastCause = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Duration pause = retryPause.multipliedBy(1L << (attempt - 1));
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                try (InputStream in = response.body()) {
                    if (status >= 200 && status < 300) {
                        byte[] body = in.readNBytes(IiifJson.MAX_DOCUMENT_BYTES + 1);
                        if (body.length > IiifJson.MAX_DOCUMENT_BYTES) {
                            throw new FetchFailed("document too large: over " + IiifJson.MAX_DOCUMENT_BYTES + " bytes", null);
                        }
                        return new Response(response, body);
                    }
                    last = "HTTP " + status;
                    lastCause = null;
                    if (status != 429 && status < 500) {
                        throw new FetchFailed(last, null);
                    }
                    Optional<Long> retryAfter = response.headers().firstValue("Retry-After").flatMap(IiifHarvester::seconds);
                    if (retryAfter.isPresent()) {
                        pause = Duration.ofSeconds(Math.min(retryAfter.get(), MAX_RETRY_AFTER_SECONDS));
                    }
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastCause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchFailed("interrupted", e);
            }
            if (attempt < MAX_ATTEMPTS) {
                LOG.log(Level.INFO, "IIIF source {0}: {1}: attempt {2} failed ({3}); retrying in {4} ms",
                        source.sourceId(), url, attempt, last, pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FetchFailed("interrupted", e);
                }
            }
        }
        throw new FetchFailed("failed after " + MAX_ATTEMPTS + " attempts; last: " + last, lastCause);
    }

    /** The body read within the size limit, with the response's headers. */
    private record Response(HttpResponse<InputStream> original, byte[] body) implements HttpResponse<byte[]> {
        @Override public int statusCode() { return original.statusCode(); }
        @Override public HttpRequest request() { return original.request(); }
        @Override public Optional<HttpResponse<byte[]>> previousResponse() { return Optional.empty(); }
        @Override public java.net.http.HttpHeaders headers() { return original.headers(); }
        @Override public Optional<javax.net.ssl.SSLSession> sslSession() { return original.sslSession(); }
        @Override public URI uri() { return original.uri(); }
        @Override public HttpClient.Version version() { return original.version(); }
    }

    private static Optional<URI> uri(String text) {
        try {
            URI uri = URI.create(text);
            return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** http and https, with and without a trailing slash or fragment, name one document. */
    private static String normalise(String url) {
        String u = url.strip();
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        if (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u.replaceFirst("^https://", "http://");
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> seconds(String value) {
        try {
            return Optional.of(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
