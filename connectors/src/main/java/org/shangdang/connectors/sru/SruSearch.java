package org.shangdang.connectors.sru;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.shangdang.connectors.oaipmh.RetryPolicy;

/**
 * One SRU searchRetrieve result set, pulled one page per {@link #next()}, following {@code nextRecordPosition}
 * until the server sends none.
 *
 * <p><b>Requests.</b> {@code operation=searchRetrieve&version=…&query=…&startRecord=…&maximumRecords=…&recordSchema=…}
 * plus {@code recordPacking=xml} (1.2) or {@code recordXMLEscaping=xml} (2.0); the CQL query is sent exactly as
 * given, URL-encoded as UTF-8. The first page starts at {@link SruQuery#startRecord()}; each next one at the
 * previous page's {@code nextRecordPosition}. A position that does not move forward ends the search with an
 * {@link SruException} rather than looping.
 *
 * <p><b>Errors.</b> A fatal diagnostic throws {@link SruDiagnosticException} at once (the same request would
 * fail the same way). HTTP 503 and 429 wait for {@code Retry-After} (capped by {@link RetryPolicy#maxRetryAfter()})
 * or back off; other 5xx, timeouts, reset connections and unreadable bodies back off with jitter; all up to
 * {@link RetryPolicy#maxAttempts()}, after which {@link SruException} ({@link MalformedSruResponseException} for a
 * last unreadable body) is thrown. Some servers send diagnostics with HTTP 400 or 500: a body that parses as an
 * SRU diagnostic is honoured whatever the status.
 *
 * <p><b>Pulling.</b> {@link #hasNext()} fetches the next page if none is waiting, so it may block on the network
 * and throw {@link SruException}. A page is fully parsed before it is returned. To checkpoint, store a page's
 * {@link SruPage#nextRecordPosition()} once its records are stored and resume with
 * {@link SruQuery#startingAt(int)}; SRU result sets are not snapshots, so a server that changes in between may
 * shift positions (re-harvested records are upserted by id, so this costs time, not correctness).
 *
 * <p>Not thread-safe: one search is pulled by one thread. {@link #close()} is idempotent, ends the iteration and
 * does not close the {@link HttpClient}, which belongs to the caller.
 */
public final class SruSearch implements Iterator<SruPage>, AutoCloseable {

    /** Seconds to wait for a response's headers unless {@code open} is told otherwise. */
    public static final long REQUEST_TIMEOUT_SECONDS = 60;

    private enum State { SEARCHING, DONE, CLOSED }

    private final SruSource source;
    private final SruQuery query;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;
    private final SruResponseParser parser;

    private int nextPosition;
    private SruPage waiting;
    private State state = State.SEARCHING;

    private SruSearch(SruSource source, SruQuery query, RetryPolicy retry, HttpClient http, Duration requestTimeout, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.query = Objects.requireNonNull(query, "query");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive; got: " + requestTimeout);
        }
        this.parser = new SruResponseParser(source.sourceId(), source.format());
        this.nextPosition = query.startRecord();
    }

    /**
     * A search positioned before its first page; no request is made until {@link #hasNext()} or {@link #next()}.
     *
     * @param http the client to send requests with; set its redirect policy if the server redirects
     */
    public static SruSearch open(SruSource source, SruQuery query, RetryPolicy retry, HttpClient http) {
        return open(source, query, retry, http, Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS), Clock.systemUTC());
    }

    /**
     * As {@link #open(SruSource, SruQuery, RetryPolicy, HttpClient)}, with the time to wait for each response's
     * headers, and the clock that stamps pages (and so records without a datestamp of their own).
     */
    public static SruSearch open(SruSource source, SruQuery query, RetryPolicy retry, HttpClient http,
            Duration requestTimeout, Clock clock) {
        return new SruSearch(source, query, retry, http, requestTimeout, clock);
    }

    /**
     * Whether another page follows, fetching it if need be.
     *
     * @throws SruException if the page cannot be had
     */
    @Override
    public boolean hasNext() {
        if (waiting == null && state == State.SEARCHING) {
            waiting = fetchPage();
        }
        return waiting != null;
    }

    /**
     * The next page.
     *
     * @throws NoSuchElementException after the last page or once closed
     * @throws SruException if the page cannot be had
     */
    @Override
    public SruPage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("SRU source " + source.sourceId() + ": no more pages");
        }
        SruPage page = waiting;
        waiting = null;
        return page;
    }

    /** Ends the iteration; later {@link #hasNext()} calls return false. Idempotent. */
    @Override
    public void close() {
        state = State.CLOSED;
        waiting = null;
    }

    /** The URL of the request for the page starting at {@code position}. */
    URI url(int position) {
        String base = source.baseUrl().toString();
        String parameters = "operation=searchRetrieve&version=" + source.version().label()
                + "&query=" + encode(query.cql())
                + "&startRecord=" + position
                + "&maximumRecords=" + query.maximumRecords()
                + "&recordSchema=" + encode(source.recordSchema())
                + "&" + source.version().escapingParameter() + "=xml";
        return URI.create(base + (source.baseUrl().getRawQuery() == null ? "?" : "&") + parameters);
    }

    private SruPage fetchPage() {
        int position = nextPosition;
        URI url = url(position);
        SruPage page = fetch(url);
        Optional<Integer> next = page.nextRecordPosition();
        if (next.isPresent() && next.get() <= position) {
            throw new SruException(source.sourceId(), url, "nextRecordPosition " + next.get()
                    + " does not move past startRecord " + position + "; following it would loop");
        }
        if (next.isPresent() && page.records().isEmpty() && page.skipped().isEmpty()) {
            // A page with nothing on it that still points on: stop instead of walking an empty result set.
            next = Optional.empty();
        }
        if (next.isPresent()) {
            nextPosition = next.get();
        } else {
            state = State.DONE;
        }
        return page;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private SruPage fetch(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Accept", "text/xml, application/xml, application/sru+xml")
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", "Shangdang-SRU-client/1.0")
                .GET()
                .build();
        String lastFailure = "";
        Throwable lastCause = null;
        MalformedSruResponseException lastMalformed = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Duration wait = null;
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                try (InputStream body = decoded(response)) {
                    if (status >= 200 && status < 300) {
                        return parser.parse(body, url, clock.instant());
                    }
                    if (status == 503 || status == 429) {
                        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(SruSearch::seconds);
                        lastFailure = "HTTP " + status + retryAfter.map(d -> " with Retry-After " + d.toSeconds() + " s").orElse("");
                        wait = retryAfter.map(retry::capRetryAfter).orElse(null);
                    } else {
                        diagnosticIn(body, url);
                        if (status >= 500) {
                            lastFailure = "HTTP " + status;
                        } else {
                            throw new SruException(source.sourceId(), url, "HTTP " + status);
                        }
                    }
                }
                lastMalformed = null;
                lastCause = null;
            } catch (MalformedSruResponseException e) {
                lastFailure = e.reason();
                lastMalformed = e;
                lastCause = e.getCause();
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastMalformed = null;
                lastCause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SruException(source.sourceId(), url, "interrupted", e);
            }
            if (attempt < retry.maxAttempts()) {
                sleep(url, wait == null ? retry.backoff(attempt) : wait);
            }
        }
        String reason = "failed after " + retry.maxAttempts() + " attempt(s); last: ";
        if (lastMalformed != null) {
            throw new MalformedSruResponseException(source.sourceId(), url, reason + lastMalformed.reason(), lastMalformed);
        }
        throw new SruException(source.sourceId(), url, reason + lastFailure, lastCause);
    }

    /** Throws the diagnostic an error response carries, if its body is one; otherwise returns. */
    private void diagnosticIn(InputStream body, URI url) {
        try {
            parser.parse(body, url, clock.instant());
        } catch (SruDiagnosticException e) {
            throw e;
        } catch (SruException notSru) {
            // An HTML error page or similar: the HTTP status is what counts.
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static InputStream decoded(HttpResponse<InputStream> response) throws IOException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
        return encoding.equals("gzip") || encoding.equals("x-gzip") ? new GZIPInputStream(response.body()) : response.body();
    }

    private void sleep(URI url, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SruException(source.sourceId(), url, "interrupted while waiting to retry", e);
        }
    }
}
