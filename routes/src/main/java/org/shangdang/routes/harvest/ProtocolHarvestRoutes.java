package org.shangdang.routes.harvest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.shangdang.routes.HarvestAlreadyRunningException;
import org.shangdang.routes.SourceCircuitOpenException;
import org.shangdang.routes.UnknownSourceException;
import org.shangdang.routes.breaker.SourceCircuits;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.files.ReferencedFiles;
import org.shangdang.routes.store.HarvestMode;

/**
 * The harvest routes of every enabled source of one protocol: {@code harvest-<protocol>-<source>}, consuming
 * {@code direct:harvest-<protocol>-<source>} (body: a {@link HarvestRequest}; reply: the final
 * {@link org.shangdang.routes.store.JobStatus}), and for a source with a schedule a trigger route
 * {@code schedule-<protocol>-<source>} that sends it an incremental request on that cron. The protocol's pager
 * bean (methods {@code open}, {@code hasNext}, {@code next} taking the {@link HarvestRun}) is the only part that
 * differs between protocols.
 *
 * <p>Per page: pull → store raw (and the connector's own rejects) → fetch the files records reference (opted-in
 * sources only; see {@link ReferencedFiles}) → crosswalk (rejects go to the store, the job
 * goes on) → index (records the index refuses go to the rejects too) → commit → checkpoint (only after the
 * commit) → job counters. While the index cannot be reached, the index step pauses and retries (see
 * {@link IndexWriter}). A setup failure on the way (source unreachable after the connector's retries, index
 * unreachable for longer than {@code shangdang.harvest.index-unavailable.max-wait}, store unwritable) ends the job
 * FAILED with the reason; the checkpoint stays at the last committed page. Camel itself does not redeliver:
 * retries belong to the connector, which knows which failures may pass.
 */
public class ProtocolHarvestRoutes extends RouteBuilder {

    private final Protocol protocol;
    private final String pagerBean;
    private final List<SourceProperties> sources;
    private final ZoneId scheduleTimeZone;

    /**
     * @param protocol the protocol whose sources get routes
     * @param pagerBean the name of the protocol's pager bean
     * @param sources the configured sources; only enabled ones of this protocol get routes
     */
    public ProtocolHarvestRoutes(Protocol protocol, String pagerBean, List<SourceProperties> sources,
            ZoneId scheduleTimeZone) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.pagerBean = Objects.requireNonNull(pagerBean, "pagerBean");
        this.sources = List.copyOf(sources);
        this.scheduleTimeZone = Objects.requireNonNull(scheduleTimeZone, "scheduleTimeZone");
    }

    /** The endpoint the harvest route of a source of this protocol consumes. */
    public static String harvestEndpoint(Protocol protocol, String sourceId) {
        return "direct:" + routeId(protocol, sourceId);
    }

    /** The id of the harvest route of a source of this protocol, e.g. {@code harvest-sru-wuxiang-county}. */
    public static String routeId(Protocol protocol, String sourceId) {
        return "harvest-" + name(protocol) + "-" + sourceId;
    }

    private static String name(Protocol protocol) {
        return protocol.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void configure() {
        for (SourceProperties source : sources) {
            if (source.enabled() && source.protocol() == protocol) {
                harvestRoute(source.id());
                source.cron().ifPresent(cron -> scheduleRoute(source.id(), cron));
            }
        }
    }

    private void harvestRoute(String sourceId) {
        from(harvestEndpoint(protocol, sourceId)).routeId(routeId(protocol, sourceId))
                // Refusals before a job starts go back to the caller as they are, which reports them.
                .onException(HarvestAlreadyRunningException.class, UnknownSourceException.class,
                        SourceCircuitOpenException.class)
                    .handled(false).logExhausted(false)
                .end()
                // Any other failure after the job started ends it FAILED, with the reason.
                .onException(Exception.class).onWhen(body().isInstanceOf(HarvestRun.class)).handled(true)
                    .bean(JobTracker.BEAN, "fail(${body}, ${exception})")
                .end()
                .bean(JobTracker.BEAN, "start")
                .bean(pagerBean, "open")
                .loopDoWhile(method(pagerBean, "hasNext"))
                    .bean(pagerBean, "next")
                    .bean(RawRecordWriter.BEAN, "store")
                    .bean(ReferencedFiles.BEAN, "fetch")
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
        from(uri).routeId("schedule-" + name(protocol) + "-" + sourceId)
                .onException(HarvestAlreadyRunningException.class).handled(true).logExhausted(false)
                    .log(LoggingLevel.WARN, "scheduled harvest skipped: ${exception.message}")
                .end()
                // A circuit-broken source is skipped before the harvest route is called: a refusal thrown from there
                // would reach this route's error handler already marked as handled by the other route's.
                .choice().when(method(SourceCircuits.BEAN, "isOpen('" + sourceId + "')"))
                    .bean(SourceCircuits.BEAN, "logSkipped('" + sourceId + "')")
                .otherwise()
                    .setBody(constant(new HarvestRequest(sourceId, HarvestMode.INCREMENTAL)))
                    .to(harvestEndpoint(protocol, sourceId))
                .end();
    }
}
