package org.shangdang.routes.cloud;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.cloud.CloudCredentials;
import org.shangdang.connectors.cloud.CloudHarvester;
import org.shangdang.connectors.cloud.CloudPage;
import org.shangdang.connectors.cloud.CloudQuery;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.routes.config.CloudProperties;
import org.shangdang.routes.config.SecretLookup;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.harvest.HarvestPage;
import org.shangdang.routes.harvest.HarvestRun;
import org.shangdang.routes.harvest.PageSource;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step for culture-cloud sources: reads the client credentials, decides which window of the resource
 * list to ask for, and pulls its pages through the connector's {@link CloudHarvester}.
 *
 * <p>The resumption token of a page is the number of the page after it. Where a run starts:
 * {@link HarvestMode#FULL} always with the whole list from page 1; {@link HarvestMode#INCREMENTAL} at the page a
 * failed run left (in that run's {@code updatedSince} window), else with the items updated since the high-water
 * mark (the latest update time the last completed harvest saw: {@code updatedSince} is inclusive, so the item at
 * the mark is read again and upserted), else (never completed) with the whole list. Items the connector could
 * not read become rejects with their reasons.
 *
 * <p>The client id and secret come from the environment variables {@link CloudProperties} names, read through the
 * {@link SecretLookup} when a run opens; an unset one fails that job, naming the variable (never a value).
 *
 * <p>Thread-safe; the harvester it opens belongs to the run and is closed when the run ends.
 */
public class CloudPager {

    /** Bean name the routes call. */
    public static final String BEAN = "cloudPager";

    private static final Logger LOG = LoggerFactory.getLogger(CloudPager.class);

    private final RetryPolicy retry;
    private final HttpClient http;
    private final SecretLookup secrets;

    public CloudPager(RetryPolicy retry, HttpClient http, SecretLookup secrets) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = Objects.requireNonNull(http, "http");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** The part of the list a run in this mode from this checkpoint reads. */
    public static CloudQuery queryOf(HarvestMode mode, Optional<Checkpoint> checkpoint) {
        if (mode == HarvestMode.FULL || checkpoint.isEmpty()) {
            return CloudQuery.all();
        }
        Checkpoint saved = checkpoint.get();
        if (saved.resumptionToken().isPresent()) {
            // An unfinished window is finished first, from page 1 if the token is not a page number.
            return new CloudQuery(saved.windowFrom(), saved.resumptionToken().flatMap(CloudPager::page).orElse(1));
        }
        return saved.highWater().map(CloudQuery::changedSince).orElseGet(CloudQuery::all);
    }

    private static Optional<Integer> page(String token) {
        try {
            int page = Integer.parseInt(token.strip());
            return page >= 1 ? Optional.of(page) : Optional.empty();
        } catch (NumberFormatException e) {
            // A token another protocol left (the source changed protocol).
            return Optional.empty();
        }
    }

    /**
     * Opens the run's list; no request is made until the first page is pulled.
     *
     * @throws IllegalStateException if an environment variable with the credentials is unset
     */
    public void open(HarvestRun run) {
        SourceProperties source = run.source();
        CloudQuery query = queryOf(run.status().mode(), run.checkpointAtStart());
        CloudCredentials credentials = new CloudCredentials(secret(source, source.cloud().clientIdEnv(), "client id"),
                secret(source, source.cloud().clientSecretEnv(), "client secret"));
        LOG.info("harvest job {} of {}: {} {} from page {}", run.jobId(), run.sourceId(),
                source.cloud().platform().displayName(),
                query.updatedSince().map(t -> "items updated since " + t).orElse("all items"), query.startPage());
        CloudHarvester harvester = CloudHarvester.open(source.cloudSource(credentials), query, retry, http);
        run.open(new Pages(harvester), query.updatedSince());
    }

    private String secret(SourceProperties source, String variable, String what) {
        return secrets.secret(variable).orElseThrow(() -> new IllegalStateException("source '" + source.id()
                + "': the " + what + " for " + source.cloud().platform().displayName() + " is read from the environment"
                + " variable " + variable + ", which is not set"));
    }

    /** Whether another page follows; fetches it, so it may block on the network. */
    public boolean hasNext(HarvestRun run) {
        return run.hasNextPage();
    }

    /** Makes the next page the run's current page. */
    public void next(HarvestRun run) {
        run.nextPage();
    }

    private record Pages(CloudHarvester harvester) implements PageSource {

        @Override
        public boolean hasNext() {
            return harvester.hasNext();
        }

        @Override
        public HarvestPage next() {
            CloudPage page = harvester.next();
            List<HarvestPage.Rejected> rejects = page.rejects().stream()
                    .map(r -> new HarvestPage.Rejected(r.record(), r.reason()))
                    .toList();
            return new HarvestPage(page.records(), page.nextPage().map(String::valueOf), page.maxDatestamp(),
                    Optional.of(page.total()), Optional.empty(), rejects);
        }

        @Override
        public void close() {
            harvester.close();
        }
    }
}
