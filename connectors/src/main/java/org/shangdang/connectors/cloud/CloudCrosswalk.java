package org.shangdang.connectors.cloud;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Crosswalk;
import org.shangdang.record.Event;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;
import tools.jackson.databind.JsonNode;

/**
 * Maps one resource item of a culture cloud to the canonical record. One instance per cloud
 * ({@link #national()}, {@link #shanxi()}); stateless and thread-safe.
 *
 * <ul>
 *   <li><b>Kind</b>: the cloud's resource type — video, audio, e-book, lecture or activity; any other type is
 *       rejected with the value.</li>
 *   <li><b>Title, description, creators</b> (with the role the cloud states, e.g. 演出, 主讲), <b>publisher</b>
 *       (the publishing organisation), <b>subjects</b> (tags or keywords), <b>ISBN</b> of an e-book,
 *       <b>rights</b>; language {@code chi}.</li>
 *   <li><b>Media</b>: cover as thumbnail, the playable video or audio, the e-book file (PDF or other), the
 *       cloud's detail page.</li>
 *   <li><b>County</b>: the county the cloud places the item in, else the source's.</li>
 *   <li><b>Event</b>: an item's start, end, venue and address (activities; lectures where the cloud gives
 *       them); <b>duration</b>: the running time.</li>
 *   <li><b>Notes</b>, for text search and display: running time ({@code 时长 01:52:30}); for an activity its time ({@code 活动时间 …}, Beijing
 *       time) and venue ({@code 活动地点 …}). <b>Year</b>: the activity's start, else the publication time.</li>
 * </ul>
 * An item without an id, title, update time or type, or with an unreadable time, is rejected; the reason names
 * the cloud, the record and the bad value.
 */
public final class CloudCrosswalk implements Crosswalk {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final CloudPlatform platform;

    private CloudCrosswalk(CloudPlatform platform) {
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    /** The crosswalk for 国家公共文化云 items ({@link RecordFormat#NATIONAL_CLOUD_JSON}). */
    public static CloudCrosswalk national() {
        return new CloudCrosswalk(CloudPlatform.NATIONAL);
    }

    /** The crosswalk for 山西公共文化云 records ({@link RecordFormat#SHANXI_CLOUD_JSON}). */
    public static CloudCrosswalk shanxi() {
        return new CloudCrosswalk(CloudPlatform.SHANXI);
    }

    @Override
    public RecordFormat format() {
        return platform.format();
    }

    @Override
    public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
        String where = platform.displayName() + " " + raw.canonicalId();
        CloudItem item;
        try {
            JsonNode json = CloudJson.object(raw.payload());
            item = platform.api().item(json);
        } catch (CloudJson.Invalid e) {
            throw new RecordRejectedException(where + ": " + e.getMessage());
        }
        CanonicalRecord.Builder record = CanonicalRecord.builder(raw.sourceId(), raw.recordId())
                .format(platform.format())
                .kind(item.kind())
                .title(item.title())
                .source(source)
                .datestamp(raw.datestamp())
                .language("chi");
        item.county().ifPresent(record::county);
        item.summary().ifPresent(record::description);
        item.creators().forEach(record::creator);
        item.publisher().ifPresent(record::publisher);
        item.tags().forEach(record::subject);
        item.isbn().ifPresent(record::isbn);
        item.media().forEach(record::media);
        item.rights().ifPresent(record::rights);
        item.duration().ifPresent(record::duration);
        Event.of(item.start(), item.end(), item.venue(), item.address()).ifPresent(record::event);
        // The notes keep the readable time and place as well: searched as text, shown where no field is.
        item.duration().ifPresent(d -> record.note("时长 " + runningTime(d)));
        item.start().ifPresent(start -> record.note("活动时间 " + period(start, item.end())));
        item.venue().or(item::address).ifPresent(venue -> record.note("活动地点 " + venue
                + item.address().filter(a -> item.venue().isPresent()).map(a -> "（" + a + "）").orElse("")));
        item.start().or(item::published).ifPresent(t -> record.year(beijing(t).getYear()));
        return record.build();
    }

    private static String runningTime(Duration d) {
        long s = d.toSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    /** {@code 2024-07-06 09:30 至 11:30} within a day, else both ends in full. */
    private static String period(Instant start, Optional<Instant> end) {
        ZonedDateTime from = beijing(start);
        if (end.isEmpty()) {
            return DAY_TIME.format(from);
        }
        ZonedDateTime to = beijing(end.get());
        return DAY_TIME.format(from) + " 至 "
                + (to.toLocalDate().equals(from.toLocalDate()) ? TIME.format(to) : DAY_TIME.format(to));
    }

    private static ZonedDateTime beijing(Instant t) {
        return t.atZone(ShanxiCloudApi.BEIJING);
    }
}
