package org.shangdang.connectors.oaipmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLSession;

/**
 * Harvests one OAI-PMH repository with ListRecords, one page per {@link #next()}, following resumption
 * tokens until the repository sends none.
 *
 * <p><b>Requests.</b> The first request carries {@code metadataPrefix}, {@code set} and {@code from}/{@code until}
 * (formatted at the repository's granularity, read once through {@link #identify()}), or only the saved
 * token when {@link HarvestStart#resumptionToken()} is present. Tokens are URL-encoded as they are: NSDL's
 * {@code 0/200/733/…}, DOAJ's base64, BnF's {@code 1!53691!…} all travel intact.
 *
 * <p><b>OAI errors.</b> {@code noRecordsMatch} means an empty harvest: {@link #hasNext()} becomes false,
 * nothing is thrown. {@code badResumptionToken} on a request that sent a token (a saved token that expired,
 * or one that expired mid-list) is logged and the list is restarted from {@link HarvestStart#from()}
 * (a full harvest when empty); {@link #restartedAfterBadToken()} then reports true, and pages already
 * returned may be returned again, which is harmless as records are upserted by id. A list is restarted at
 * most {@value #MAX_LIST_RESTARTS} times: a saved token that expired and then a token of the restarted list
 * expiring too (a harvest held up mid-list) still finish, while a repository that rejects every token does
 * not loop for ever. The rejection after the last restart, and any other OAI error, throws
 * {@link OaiPmhException} naming the source, request URL, error code and message.
 *
 * <p><b>Transport.</b> HTTP 503 and 429 wait for {@code Retry-After} (seconds or an HTTP date, capped by
 * {@link RetryPolicy#maxRetryAfter()}) or else back off; other 5xx, timeouts, reset or closed connections
 * and unreadable bodies back off exponentially with jitter; all up to {@link RetryPolicy#maxAttempts()},
 * after which {@link OaiPmhException} is thrown ({@link MalformedResponseException} when the last body was
 * unreadable). Any other 4xx throws at once, unless its body is an OAI error response, which is then
 * handled as above. Each request times out without response headers after {@value #REQUEST_TIMEOUT_SECONDS} s,
 * or the timeout given to {@code open}, and without its whole body after twice that: a server that sends the
 * headers and then stalls (a half-closed connection, a stuck proxy) is retried like a timeout instead of
 * holding the harvest for ever. A page is read into memory before it is parsed; pages are bounded by the
 * repository's page size.
 *
 * <p><b>Pulling.</b> {@link #hasNext()} fetches the next page if none is waiting, so it may block on the
 * network and throw {@link OaiPmhException}; a page is fully parsed before it is returned, so a page that
 * fails never yields half its records. To checkpoint, store a page's {@link OaiPage#resumptionToken()} and
 * {@link OaiPage#maxDatestamp()} once its records are safely stored.
 *
 * <p>Not thread-safe: one harvester is pulled by one thread. {@link #close()} is idempotent, ends the
 * iteration and does not close the {@link HttpClient}, which belongs to the caller.
 */
public final class OaiPmhHarvester implements Iterator<OaiPage>, AutoCloseable {

    /** Seconds to wait for a response's headers unless {@link #open(OaiPmhSource, HarvestStart, RetryPolicy, HttpClient, Duration)} says otherwise. */
    public static final long REQUEST_TIMEOUT_SECONDS = 60;
    /** How many times one harvester restarts its list after {@code badResumptionToken}. */
    public static final int MAX_LIST_RESTARTS = 3;

    private static final System.Logger LOG = System.getLogger(OaiPmhHarvester.class.getName());

    private enum State { LISTING, DONE, CLOSED }

    private final OaiPmhSource source;
    private final HarvestStart start;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final OaiResponseParser parser;
    private final Duration requestTimeout;

    private Identify identify;
    private Optional<String> nextToken;
    private OaiPage waiting;
    private State state = State.LISTING;
    private int listRestarts;

    private OaiPmhHarvester(OaiPmhSource source, HarvestStart start, RetryPolicy retry, HttpClient http, Duration requestTimeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.start = Objects.requireNonNull(start, "start");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = Objects.requireNonNull(http, "http");
        this.parser = new OaiResponseParser(source.sourceId(), source.format());
        this.nextToken = start.resumptionToken();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive; got: " + requestTimeout);
        }
    }

    /**
     * A harvester positioned before the first page. No request is made until {@link #hasNext()},
     * {@link #next()} or {@link #identify()} is called.
     *
     * @param http the client to send requests with; set its redirect policy if the repository redirects
     */
    public static OaiPmhHarvester open(OaiPmhSource source, HarvestStart start, RetryPolicy retry, HttpClient http) {
        return open(source, start, retry, http, Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS));
    }

    /**
     * As {@link #open(OaiPmhSource, HarvestStart, RetryPolicy, HttpClient)}, with the time to wait for each
     * response's headers before the attempt counts as failed (and is retried).
     */
    public static OaiPmhHarvester open(OaiPmhSource source, HarvestStart start, RetryPolicy retry, HttpClient http,
            Duration requestTimeout) {
        return new OaiPmhHarvester(source, start, retry, http, requestTimeout);
    }

    /**
     * The repository's Identify response, requested on the first call only and cached.
     *
     * @throws OaiPmhException if the repository answers with an OAI error or cannot be reached
     */
    public Identify identify() {
        if (identify == null) {
            URI url = url("Identify");
            OaiResponse response = fetch(url);
            if (response instanceof OaiResponse.Identified identified) {
                identify = identified.identify();
            } else if (response instanceof OaiResponse.Errors errors) {
                throw oaiError(url, errors);
            } else {
                throw new MalformedResponseException(source.sourceId(), url, "expected an Identify response; got " + kind(response));
            }
        }
        return identify;
    }

    /**
     * Whether another page follows, fetching it if need be.
     *
     * @throws OaiPmhException if the page cannot be had (see the class description)
     */
    @Override
    public boolean hasNext() {
        if (waiting == null && state == State.LISTING) {
            waiting = fetchPage().orElse(null);
        }
        return waiting != null;
    }

    /**
     * The next page, in the order the repository lists them.
     *
     * @throws NoSuchElementException after the last page or once closed
     * @throws OaiPmhException if the page cannot be had
     */
    @Override
    public OaiPage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("OAI-PMH source " + source.sourceId() + ": no more pages");
        }
        OaiPage page = waiting;
        waiting = null;
        return page;
    }

    /**
     * Whether the repository rejected a resumption token with {@code badResumptionToken} and the list was
     * restarted from {@link HarvestStart#from()}: the caller may want to record that its checkpoint token
     * was lost and records were fetched again.
     */
    public boolean restartedAfterBadToken() {
        return listRestarts > 0;
    }

    /** Ends the iteration; later {@link #hasNext()} calls return false. Idempotent. */
    @Override
    public void close() {
        state = State.CLOSED;
        waiting = null;
    }

    private Optional<OaiPage> fetchPage() {
        while (true) {
            Optional<String> token = nextToken;
            URI url = token.map(this::listRecordsUrl).orElseGet(this::firstListRecordsUrl);
            OaiResponse response = fetch(url);
            if (response instanceof OaiResponse.Records records) {
                OaiPage page = records.page();
                if (page.resumptionToken().isPresent() && page.resumptionToken().equals(token)) {
                    // Following it would loop for ever.
                    throw new OaiPmhException(source.sourceId(), url,
                            "the repository answered resumptionToken " + token.get() + " with the same token again");
                }
                nextToken = page.resumptionToken();
                if (nextToken.isEmpty()) {
                    state = State.DONE;
                }
                return Optional.of(page);
            }
            if (response instanceof OaiResponse.Errors errors) {
                if (errors.has(OaiError.NO_RECORDS_MATCH)) {
                    state = State.DONE;
                    return Optional.empty();
                }
                if (errors.has(OaiError.BAD_RESUMPTION_TOKEN) && token.isPresent() && listRestarts < MAX_LIST_RESTARTS) {
                    listRestarts++;
                    LOG.log(Level.WARNING, "OAI-PMH source {0}: resumptionToken {1} rejected ({2}); restarting the list from {3}"
                                    + " (restart {4} of at most {5})",
                            source.sourceId(), token.get(), errors.errors(),
                            start.from().map(Instant::toString).orElse("the beginning (full harvest)"), listRestarts,
                            MAX_LIST_RESTARTS);
                    nextToken = Optional.empty();
                    continue;
                }
                throw oaiError(url, errors);
            }
            throw new MalformedResponseException(source.sourceId(), url, "expected a ListRecords response; got " + kind(response));
        }
    }

    private URI firstListRecordsUrl() {
        StringJoiner query = new StringJoiner("&");
        query.add("verb=ListRecords");
        query.add("metadataPrefix=" + encode(source.metadataPrefix()));
        if (start.from().isPresent() || start.until().isPresent()) {
            Granularity granularity = identify().granularity();
            start.from().ifPresent(from -> query.add("from=" + encode(granularity.format(from))));
            start.until().ifPresent(until -> query.add("until=" + encode(granularity.format(until))));
        }
        source.set().ifPresent(set -> query.add("set=" + encode(set)));
        return withQuery(query.toString());
    }

    private URI listRecordsUrl(String token) {
        return withQuery("verb=ListRecords&resumptionToken=" + encode(token));
    }

    private URI url(String verb) {
        return withQuery("verb=" + verb);
    }

    private URI withQuery(String query) {
        String base = source.baseUrl().toString();
        return URI.create(base + (source.baseUrl().getRawQuery() == null ? "?" : "&") + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One request with retries: returns what the repository answered, OAI errors included. */
    private OaiResponse fetch(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Accept", "text/xml, application/xml")
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", "Shangdang-OAI-PMH-harvester/1.0")
                .GET()
                .build();
        String lastFailure = "";
        MalformedResponseException lastMalformed = null;
        Throwable lastCause = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Duration wait;
            try {
                HttpResponse<InputStream> response = receive(request);
                int status = response.statusCode();
                try (InputStream body = decoded(response)) {
                    if (status >= 200 && status < 300) {
                        return parser.parse(body, url);
                    }
                    if (status == 503 || status == 429) {
                        Optional<Duration> retryAfter = retryAfter(response);
                        lastFailure = "HTTP " + status + retryAfter.map(d -> " with Retry-After " + d.toSeconds() + " s").orElse("");
                        wait = retryAfter.map(retry::capRetryAfter).orElse(null);
                    } else if (status >= 500) {
                        lastFailure = "HTTP " + status;
                        wait = null;
                    } else if (status >= 400) {
                        return clientError(url, status, body);
                    } else {
                        throw new OaiPmhException(source.sourceId(), url, "unexpected HTTP status " + status
                                + (status >= 300 ? " (redirect to " + response.headers().firstValue("Location").orElse("?")
                                + "; build the HttpClient with a redirect policy)" : ""));
                    }
                }
                lastMalformed = null;
                lastCause = null;
            } catch (MalformedResponseException e) {
                lastFailure = e.reason();
                lastMalformed = e;
                lastCause = e.getCause();
                wait = null;
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastMalformed = null;
                lastCause = e;
                wait = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OaiPmhException(source.sourceId(), url, Optional.empty(), "interrupted", e);
            }
            if (attempt < retry.maxAttempts()) {
                Duration delay = wait != null ? wait : retry.backoff(attempt);
                LOG.log(Level.INFO, "OAI-PMH source {0}: attempt {1} of {2} failed ({3}); retrying in {4} ms [request {5}]",
                        source.sourceId(), attempt, retry.maxAttempts(), lastFailure, delay.toMillis(), url);
                sleep(url, delay);
            }
        }
        String reason = "failed after " + retry.maxAttempts() + " attempt(s); last: ";
        if (lastMalformed != null) {
            throw new MalformedResponseException(source.sourceId(), url, reason + lastMalformed.reason(), lastMalformed);
        }
        throw new OaiPmhException(source.sourceId(), url, Optional.empty(), reason + lastFailure, lastCause);
    }

    /** A 4xx: some repositories send their OAI errors with one, so an OAI error body is honoured. */
    private OaiResponse clientError(URI url, int status, InputStream body) {
        OaiResponse response;
        try {
            response = parser.parse(body, url);
        } catch (MalformedResponseException e) {
            throw new OaiPmhException(source.sourceId(), url, Optional.empty(), "HTTP " + status, e);
        }
        if (response instanceof OaiResponse.Errors) {
            return response;
        }
        throw new OaiPmhException(source.sourceId(), url, "HTTP " + status);
    }

    /**
     * Sends the request and waits for the whole answer, at most twice the request timeout: {@link
     * HttpRequest#timeout()} bounds only the wait for the headers, and a body read from a stream blocks for
     * ever once the server stops sending.
     */
    private HttpResponse<InputStream> receive(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        Duration deadline = requestTimeout.multipliedBy(2);
        HttpResponse<byte[]> response;
        try {
            response = answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
        return new BufferedResponse(response);
    }

    /** A response whose body was received whole, served as a stream to the parser. */
    private record BufferedResponse(HttpResponse<byte[]> received) implements HttpResponse<InputStream> {

        @Override
        public int statusCode() {
            return received.statusCode();
        }

        @Override
        public HttpRequest request() {
            return received.request();
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return received.headers();
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(received.body());
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return received.sslSession();
        }

        @Override
        public URI uri() {
            return received.uri();
        }

        @Override
        public HttpClient.Version version() {
            return received.version();
        }
    }

    private static InputStream decoded(HttpResponse<InputStream> response) throws IOException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
        return encoding.equals("gzip") || encoding.equals("x-gzip") ? new GZIPInputStream(response.body()) : response.body();
    }

    /** {@code Retry-After} as delta-seconds or an HTTP-date (RFC 9110 §10.2.3); empty if absent or unreadable. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(OaiPmhHarvester::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private void sleep(URI url, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OaiPmhException(source.sourceId(), url, Optional.empty(), "interrupted while waiting to retry", e);
        }
    }

    private OaiPmhException oaiError(URI url, OaiResponse.Errors errors) {
        OaiError first = errors.errors().get(0);
        String message = errors.errors().size() == 1
                ? (first.message().isEmpty() ? "(no message)" : first.message())
                : errors.errors().toString();
        return new OaiPmhException(source.sourceId(), url, Optional.of(first.code()), message, null);
    }

    private static String kind(OaiResponse response) {
        if (response instanceof OaiResponse.Listing listing) {
            return listing.verb();
        }
        return response.getClass().getSimpleName();
    }
}
