package org.shangdang.routes.oaipmh;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.shangdang.routes.HarvestAlreadyRunningException;
import org.shangdang.routes.UnknownSourceException;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.harvest.Checkpointer;
import org.shangdang.routes.harvest.HarvestRequest;
import org.shangdang.routes.harvest.HarvestRun;
import org.shangdang.routes.harvest.IndexWriter;
import org.shangdang.routes.harvest.JobTracker;
import org.shangdang.routes.harvest.RawRecordWriter;
import org.shangdang.routes.harvest.RecordCrosswalker;
import org.shangdang.routes.store.HarvestMode;

/**
 * The harvest routes of every enabled OAI-PMH source: {@code harvest-oaipmh-<source>}, consuming
 * {@code direct:harvest-oaipmh-<source>} (body: a {@link HarvestRequest}; reply: the final
 * {@link org.shangdang.routes.store.JobStatus}), and for a source with a schedule a trigger route
 * {@code schedule-oaipmh-<source>} that sends it an incremental request on that cron.
 *
 * <p>Per page: pull → store raw → crosswalk (rejects go to the store, the job goes on) → index (records the
 * index refuses go to the rejects too) → commit → checkpoint (only after the commit) → job counters. While
 * the index cannot be reached, the index step pauses and retries (see {@link IndexWriter}). A setup failure
 * on the way (source unreachable after the connector's retries, index unreachable for longer than
 * {@code shangdang.harvest.index-unavailable.max-wait}, store unwritable) ends the job FAILED with the
 * reason; the checkpoint stays at the last committed page. Camel itself does not redeliver: retries belong to the connector,
 * which knows which failures may pass.
 */
public class OaiPmhHarvestRoutes extends RouteBuilder {

    private final List<SourceProperties> sources;
    private final ZoneId scheduleTimeZone;

    /** @param sources the configured sources; only enabled OAI-PMH ones get routes */
    public OaiPmhHarvestRoutes(List<SourceProperties> sources, ZoneId scheduleTimeZone) {
        this.sources = List.copyOf(sources);
        this.scheduleTimeZone = Objects.requireNonNull(scheduleTimeZone, "scheduleTimeZone");
    }

    /** The endpoint a source's harvest route consumes. */
    public static String harvestEndpoint(String sourceId) {
        return "direct:" + routeId(sourceId);
    }

    /** The id of a source's harvest route. */
    public static String routeId(String sourceId) {
        return "harvest-oaipmh-" + sourceId;
    }

    @Override
    public void configure() {
        for (SourceProperties source : sources) {
            if (source.enabled() && source.protocol() == Protocol.OAIPMH) {
                harvestRoute(source.id());
                source.cron().ifPresent(cron -> scheduleRoute(source.id(), cron));
            }
        }
    }

    private void harvestRoute(String sourceId) {
        from(harvestEndpoint(sourceId)).routeId(routeId(sourceId))
                // Refusals before a job starts go back to the caller as they are, which reports them.
                .onException(HarvestAlreadyRunningException.class, UnknownSourceException.class)
                    .handled(false).logExhausted(false)
                .end()
                // Any other failure after the job started ends it FAILED, with the reason.
                .onException(Exception.class).onWhen(body().isInstanceOf(HarvestRun.class)).handled(true)
                    .bean(JobTracker.BEAN, "fail(${body}, ${exception})")
                .end()
                .bean(JobTracker.BEAN, "start")
                .bean(OaiPmhPager.BEAN, "open")
                .loopDoWhile(method(OaiPmhPager.BEAN, "hasNext"))
                    .bean(OaiPmhPager.BEAN, "next")
                    .bean(RawRecordWriter.BEAN, "store")
                    .bean(RecordCrosswalker.BEAN, "crosswalk")
                    .bean(IndexWriter.BEAN, "write")
                    .choice().when(method(IndexWriter.BEAN, "isCommitDue"))
                        .bean(IndexWriter.BEAN, "commit")
                        .bean(Checkpointer.BEAN, "afterCommit")
                    .end()
                    .bean(JobTracker.BEAN, "progress")
                .end()
                .bean(IndexWriter.BEAN, "commit")
                .bean(Checkpointer.BEAN, "complete")
                .bean(JobTracker.BEAN, "complete");
    }

    private void scheduleRoute(String sourceId, String cron) {
        // Quartz reads '+' as the space between cron fields; stateful jobs never overlap themselves.
        String uri = "quartz:harvest/" + sourceId
                + "?cron=" + URLEncoder.encode(cron, StandardCharsets.UTF_8)
                + "&trigger.timeZone=" + scheduleTimeZone.getId()
                + "&stateful=true";
        from(uri).routeId("schedule-oaipmh-" + sourceId)
                .onException(HarvestAlreadyRunningException.class).handled(true).logExhausted(false)
                    .log(LoggingLevel.WARN, "scheduled harvest skipped: ${exception.message}")
                .end()
                .setBody(constant(new HarvestRequest(sourceId, HarvestMode.INCREMENTAL)))
                .to(harvestEndpoint(sourceId));
    }
}
