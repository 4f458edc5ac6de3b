package org.shangdang.connectors.opera;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.Crosswalk;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a work or recording of an opera/quyi database ({@link RecordFormat#OPERA_DB}, as {@link OperaHarvest}
 * writes it) to the canonical record.
 *
 * <ul>
 *   <li><b>Kind</b>: a work is {@link ResourceKind#REPERTOIRE}; a recording is {@link ResourceKind#VIDEO} when
 *       one of its files is video, else {@link ResourceKind#AUDIO}.</li>
 *   <li><b>Genre</b>: the 剧种/曲种 name, also a subject (so a search for 上党梆子 finds it), with the
 *       category (戏曲 for 剧种, 曲艺 for 曲种) as a second subject.</li>
 *   <li><b>County</b>: the recording's own county, else the troupe's, else the genre's home county, else the
 *       source's.</li>
 *   <li><b>Creators</b>: the cast (with the part played) or the performers, then the troupe (演出).</li>
 *   <li><b>Full text</b>: the work's scripts and lyrics (唱词), also on its recordings.</li>
 *   <li><b>Media</b>: each file of a recording, with label, MIME type and size in bytes.</li>
 *   <li><b>Notes</b>: the intangible-heritage listing of the genre, durations and formats of files.</li>
 * </ul>
 *
 * <p>A payload that is not such JSON, or has no title, is rejected. Stateless and thread-safe.
 */
public final class OperaRecordCrosswalk implements Crosswalk {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public RecordFormat format() {
        return RecordFormat.OPERA_DB;
    }

    @Override
    public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
        JsonNode json;
        try {
            json = JSON.readTree(raw.payload());
        } catch (JacksonException e) {
            throw new RecordRejectedException(raw.canonicalId() + ": payload is not opera database JSON ("
                    + raw.payload().length + " bytes): " + e.getOriginalMessage(), e);
        }
        String type = text(json, "type").orElse("");
        if (!type.equals("work") && !type.equals("recording")) {
            throw new RecordRejectedException(raw.canonicalId() + ": opera database row of unknown type '" + type
                    + "' (work or recording expected)");
        }
        String title = text(json, "title").orElseThrow(() -> new RecordRejectedException(raw.canonicalId()
                + ": opera database " + type + " " + text(json, "id").orElse("?") + " has no title"));
        CanonicalRecord.Builder record = CanonicalRecord.builder(raw.sourceId(), raw.recordId())
                .format(RecordFormat.OPERA_DB)
                .source(source)
                .datestamp(raw.datestamp())
                .title(title)
                .language("chi");
        JsonNode genre = json.path("genre");
        text(genre, "name").ifPresent(name -> record.genre(name).subject(name));
        text(genre, "category").map(c -> c.equals("曲种") ? "曲艺" : "戏曲").ifPresent(record::subject);
        text(genre, "ich_level").ifPresent(level -> record.note("非物质文化遗产代表性项目：" + level
                + text(genre, "ich_batch").map(b -> "，" + b).orElse("")));
        Optional<String> county = text(json, "county").or(() -> text(json.path("troupe"), "county"))
                .or(() -> text(genre, "county"));
        county.ifPresent(record::county);
        if (type.equals("work")) {
            work(json, record);
        } else {
            recording(json, record);
        }
        text(json.path("troupe"), "name").ifPresent(t -> record.creator(Creator.of(t, "演出")));
        List<String> texts = new ArrayList<>();
        for (JsonNode text : json.path("texts")) {
            text(text, "content").ifPresent(content -> texts.add(text(text, "heading").map(h -> h + "\n").orElse("")
                    + content));
        }
        if (!texts.isEmpty()) {
            record.fullText(String.join("\n\n", texts));
        }
        return record.build();
    }

    private static void work(JsonNode json, CanonicalRecord.Builder record) {
        record.kind(ResourceKind.REPERTOIRE);
        text(json, "synopsis").ifPresent(record::description);
        text(json, "period").ifPresent(record::subject);
        for (JsonNode member : json.path("cast")) {
            text(member, "name").ifPresent(name -> record.creator(Creator.of(name,
                    text(member, "role_name").map(r -> "饰" + r).or(() -> text(member, "role_type")).orElse("演员"))));
        }
    }

    private static void recording(JsonNode json, CanonicalRecord.Builder record) {
        boolean video = false;
        for (JsonNode file : json.path("media")) {
            String mime = text(file, "mime_type").orElse("").toLowerCase(Locale.ROOT);
            video |= mime.startsWith("video/");
            Optional<String> url = text(file, "url");
            if (url.isEmpty()) {
                continue;
            }
            Optional<Long> bytes = file.path("bytes").isNumber() ? Optional.of(file.path("bytes").asLong())
                    : Optional.empty();
            record.media(new MediaLink(mime.startsWith("video/") ? MediaLink.Kind.VIDEO
                    : mime.startsWith("audio/") ? MediaLink.Kind.AUDIO : MediaLink.Kind.FILE,
                    url.get(), text(file, "label"), text(file, "mime_type"), bytes));
            if (file.path("duration_seconds").isNumber()) {
                int seconds = file.path("duration_seconds").asInt();
                record.note(text(file, "label").map(l -> l + "：").orElse("") + text(file, "format").orElse("")
                        + " " + String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
            }
        }
        record.kind(video ? ResourceKind.VIDEO : ResourceKind.AUDIO);
        text(json, "description").ifPresent(record::description);
        text(json.path("work"), "title").ifPresent(record::subject);
        text(json, "venue").ifPresent(record::place);
        text(json, "recorded_on").filter(d -> d.length() >= 4).ifPresent(d -> record.year(Integer.parseInt(d.substring(0, 4))));
        for (JsonNode performer : json.path("performers")) {
            text(performer, "name").ifPresent(name -> record.creator(Creator.of(name, "表演")));
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.stringValue().isBlank() ? Optional.of(value.stringValue().strip())
                : Optional.empty();
    }
}
