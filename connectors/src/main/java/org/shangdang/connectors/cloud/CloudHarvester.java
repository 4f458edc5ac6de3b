package org.shangdang.connectors.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordStatus;
import tools.jackson.databind.JsonNode;

/**
 * One harvest of a culture cloud's resource list, pulled one page per {@link #next()}, from
 * {@link CloudQuery#startPage()} until the cloud's list ends.
 *
 * <p><b>Authentication.</b> Client credentials are exchanged for an access token before the first page, and again
 * when the token is within {@link AccessToken#RENEW_BEFORE} of the expiry the cloud announced. When a page
 * request is answered "token expired or revoked" (HTTP 401, or the dialect's code for it), the token is renewed
 * once and the request repeated; a second refusal right after a renewal is a {@link CloudException}. A token
 * endpoint that refuses the credentials is a {@link CloudException} at once. Secrets never appear in messages.
 *
 * <p><b>Records.</b> Each item becomes a {@link RawRecord} of the platform's format, with the item's JSON as
 * payload, the cloud's id as record id and its update time as datestamp; a resource the cloud took down
 * ({@code status OFFLINE}, {@code del_flag 1}) is a deleted record. An item without an id or with an unreadable
 * update time becomes a {@link CloudPage.Rejected} with its reason; the rest of the page is used.
 *
 * <p><b>Errors.</b> HTTP 429 and 503 wait for {@code Retry-After} (capped by {@link RetryPolicy#maxRetryAfter()})
 * or back off; other 5xx, timeouts, broken connections and unreadable bodies back off with jitter; all up to
 * {@link RetryPolicy#maxAttempts()} attempts per request, after which a {@link CloudException} is thrown. Other
 * 4xx and an error envelope ({@code code ≠ 0}, {@code success:false}) fail at once.
 *
 * <p><b>Checkpoints.</b> A page's {@link CloudPage#nextPage()} is where a failed harvest of the same window
 * resumes. Cloud lists are not snapshots; items that shift between pages meanwhile are caught by the next
 * incremental harvest, and re-read items are upserted by id.
 *
 * <p>Not thread-safe: one harvest is pulled by one thread. {@link #hasNext()} may block on the network.
 * {@link #close()} is idempotent, ends the iteration and does not close the {@link HttpClient}.
 */
public final class CloudHarvester implements Iterator<CloudPage>, AutoCloseable {

    /** Seconds to wait for a response unless {@code open} is told otherwise. */
    public static final long REQUEST_TIMEOUT_SECONDS = 60;
    private static final String USER_AGENT = "Shangdang-cloud-harvester/1.0";
    private static final System.Logger LOG = System.getLogger(CloudHarvester.class.getName());

    private enum State { HARVESTING, DONE, CLOSED }

    private final CloudSource source;
    private final CloudApi api;
    private final CloudQuery query;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;

    private int nextPage;
    private State state = State.HARVESTING;
    private CloudPage waiting;
    private AccessToken token;
    private int tokensIssued;

    private CloudHarvester(CloudSource source, CloudQuery query, RetryPolicy retry, HttpClient http,
            Duration requestTimeout, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.api = source.platform().api();
        this.query = Objects.requireNonNull(query, "query");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive; got: " + requestTimeout);
        }
        this.nextPage = query.startPage();
    }

    /** A harvest before its first request; nothing is sent until {@link #hasNext()} or {@link #next()}. */
    public static CloudHarvester open(CloudSource source, CloudQuery query, RetryPolicy retry, HttpClient http) {
        return open(source, query, retry, http, Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS), Clock.systemUTC());
    }

    /** As {@link #open(CloudSource, CloudQuery, RetryPolicy, HttpClient)}, with the request timeout and the clock. */
    public static CloudHarvester open(CloudSource source, CloudQuery query, RetryPolicy retry, HttpClient http,
            Duration requestTimeout, Clock clock) {
        return new CloudHarvester(source, query, retry, http, requestTimeout, clock);
    }

    /**
     * Whether another page follows, fetching it if need be.
     *
     * @throws CloudException if the page cannot be had
     */
    @Override
    public boolean hasNext() {
        if (waiting == null && state == State.HARVESTING) {
            waiting = fetchPage();
        }
        return waiting != null;
    }

    /**
     * The next page.
     *
     * @throws NoSuchElementException after the last page or once closed
     * @throws CloudException if the page cannot be had
     */
    @Override
    public CloudPage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("cloud source " + source.sourceId() + ": no more pages");
        }
        CloudPage page = waiting;
        waiting = null;
        return page;
    }

    /** How many access tokens this harvest has been issued so far (1 unless one expired or was revoked). */
    public int tokensIssued() {
        return tokensIssued;
    }

    @Override
    public void close() {
        state = State.CLOSED;
        waiting = null;
        token = null;
    }

    private CloudPage fetchPage() {
        int pageNo = nextPage;
        URI url = api.pageUrl(source, pageNo, query.updatedSince());
        CloudApi.Envelope envelope = requestPage(url, pageNo);
        Instant fetchedAt = clock.instant();
        List<RawRecord> records = new ArrayList<>();
        List<CloudPage.Rejected> rejects = new ArrayList<>();
        List<JsonNode> items = envelope.items();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String position = "page " + pageNo + " item " + (i + 1);
            try {
                if (!item.isObject()) {
                    throw new CloudJson.Invalid("not a JSON object: " + item.getNodeType());
                }
                CloudApi.Header header = api.header(item);
                byte[] payload = header.status() == RecordStatus.DELETED ? new byte[0] : CloudJson.bytes(item);
                records.add(new RawRecord(source.sourceId(), header.id(), header.updated(), source.platform().format(),
                        payload, header.status()));
            } catch (CloudJson.Invalid e) {
                Optional<String> id = item.isObject() ? api.id(item) : Optional.empty();
                String recordId = id.orElse("page" + pageNo + "-item" + (i + 1));
                String reason = source.platform().displayName() + " source " + source.sourceId() + ", " + position
                        + id.map(v -> " (" + v + ")").orElse("") + ": " + e.getMessage();
                LOG.log(System.Logger.Level.WARNING, reason);
                rejects.add(new CloudPage.Rejected(new RawRecord(source.sourceId(), recordId, fetchedAt,
                        source.platform().format(), CloudJson.bytes(item), RecordStatus.PRESENT), reason));
            }
        }
        Optional<Integer> next = envelope.nextPage();
        if (next.isPresent()) {
            nextPage = next.get();
        } else {
            state = State.DONE;
        }
        return new CloudPage(pageNo, records, rejects, envelope.total(), next, fetchedAt);
    }

    private CloudApi.Envelope requestPage(URI url, int pageNo) {
        boolean renewedAfterRefusal = false;
        String lastFailure = "";
        Throwable lastCause = null;
        int attempt = 0;
        while (true) {
            attempt++;
            Duration wait = null;
            HttpRequest request = api.authorize(HttpRequest.newBuilder(url)
                            .timeout(requestTimeout)
                            .header("Accept", "application/json")
                            .header("User-Agent", USER_AGENT)
                            .GET(), validToken().value())
                    .build();
            try {
                Response response = send(request);
                Optional<JsonNode> json = response.json();
                if (api.tokenRejected(response.status(), json)) {
                    String refusal = "access token refused (HTTP " + response.status()
                            + json.flatMap(api::error).map(e -> ", " + e).orElse("") + ")";
                    if (renewedAfterRefusal) {
                        throw new CloudException(source.sourceId(), url, refusal
                                + " again right after a new token was issued: check the client's permissions");
                    }
                    LOG.log(System.Logger.Level.INFO, "cloud source {0}: {1}; renewing the token", source.sourceId(), refusal);
                    renewedAfterRefusal = true;
                    token = null;
                    // A renewal is not a retry of a failure: it does not use up an attempt.
                    attempt--;
                    continue;
                }
                if (response.status() >= 200 && response.status() < 300) {
                    if (json.isEmpty()) {
                        lastFailure = "unreadable body: " + response.unreadable().orElse("?");
                    } else {
                        Optional<String> error = api.error(json.get());
                        if (error.isPresent()) {
                            throw new CloudException(source.sourceId(), url, "the cloud answered an error: " + error.get());
                        }
                        try {
                            return api.page(json.get(), pageNo);
                        } catch (CloudJson.Invalid e) {
                            lastFailure = "unreadable page: " + e.getMessage();
                        }
                    }
                } else if (response.status() == 429 || response.status() == 503) {
                    Optional<Duration> retryAfter = response.retryAfter();
                    lastFailure = "HTTP " + response.status() + retryAfter.map(d -> " with Retry-After " + d.toSeconds() + " s").orElse("");
                    wait = retryAfter.map(retry::capRetryAfter).orElse(null);
                } else if (response.status() >= 500) {
                    lastFailure = "HTTP " + response.status();
                } else {
                    throw new CloudException(source.sourceId(), url, "HTTP " + response.status()
                            + json.flatMap(api::error).map(e -> " (" + e + ")").orElse(""));
                }
                lastCause = null;
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastCause = e;
            }
            if (attempt >= retry.maxAttempts()) {
                throw new CloudException(source.sourceId(), url, "failed after " + retry.maxAttempts()
                        + " attempt(s); last: " + lastFailure, lastCause);
            }
            sleep(url, wait == null ? retry.backoff(attempt) : wait, lastFailure);
        }
    }

    /** The current token, or a new one if there is none or it is about to expire. */
    private AccessToken validToken() {
        if (token == null || token.dueForRenewal(clock.instant())) {
            token = issueToken();
        }
        return token;
    }

    private AccessToken issueToken() {
        HttpRequest request = api.tokenRequest(source)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .build();
        URI url = request.uri();
        String client = "client " + source.credentials().clientId();
        String lastFailure = "";
        Throwable lastCause = null;
        for (int attempt = 1; ; attempt++) {
            Duration wait = null;
            try {
                Response response = send(request);
                Optional<JsonNode> json = response.json();
                Optional<String> error = json.flatMap(api::error);
                if (response.status() >= 200 && response.status() < 300 && json.isPresent()) {
                    if (error.isPresent()) {
                        throw new CloudException(source.sourceId(), url, "token endpoint refused " + client + ": " + error.get());
                    }
                    try {
                        AccessToken issued = api.token(json.get(), clock.instant());
                        tokensIssued++;
                        return issued;
                    } catch (CloudJson.Invalid e) {
                        lastFailure = "unreadable token response: " + e.getMessage();
                    }
                } else if (response.status() >= 200 && response.status() < 300) {
                    lastFailure = "unreadable token response: " + response.unreadable().orElse("?");
                } else if (response.status() == 429 || response.status() == 503) {
                    Optional<Duration> retryAfter = response.retryAfter();
                    lastFailure = "HTTP " + response.status();
                    wait = retryAfter.map(retry::capRetryAfter).orElse(null);
                } else if (response.status() >= 500) {
                    lastFailure = "HTTP " + response.status();
                } else {
                    throw new CloudException(source.sourceId(), url, "token endpoint refused " + client + " (HTTP "
                            + response.status() + error.map(e -> ", " + e).orElse("") + ")");
                }
                lastCause = null;
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastCause = e;
            }
            if (attempt >= retry.maxAttempts()) {
                throw new CloudException(source.sourceId(), url, "no access token after " + retry.maxAttempts()
                        + " attempt(s); last: " + lastFailure, lastCause);
            }
            sleep(url, wait == null ? retry.backoff(attempt) : wait, lastFailure);
        }
    }

    /** A response read within the size limit: its status, headers, and JSON or why it is not JSON. */
    private record Response(int status, Optional<JsonNode> json, Optional<String> unreadable, Optional<Duration> retryAfter) {
    }

    private Response send(HttpRequest request) throws IOException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(CloudJson.MAX_DOCUMENT_BYTES + 1);
            }
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(CloudHarvester::seconds);
            try {
                return new Response(response.statusCode(), Optional.of(CloudJson.object(body)), Optional.empty(), retryAfter);
            } catch (CloudJson.Invalid e) {
                return new Response(response.statusCode(), Optional.empty(), Optional.of(e.getMessage()), retryAfter);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(source.sourceId(), request.uri(), "interrupted", e);
        }
    }

    private void sleep(URI url, Duration wait, String failure) {
        LOG.log(System.Logger.Level.INFO, "cloud source {0}: {1} ({2}); retrying in {3} ms",
                source.sourceId(), url, failure, wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(source.sourceId(), url, "interrupted while waiting to retry", e);
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
