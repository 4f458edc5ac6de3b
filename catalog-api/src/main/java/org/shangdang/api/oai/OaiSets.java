package org.shangdang.api.oai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.shangdang.indexer.analysis.Pinyin;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.ResourceKind;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;

/**
 * The provider's sets and the set specs of each record.
 *
 * <ul>
 *   <li>{@code source:<id>}: one configured source, e.g. {@code source:changzhi-city} (name: the source's name).
 *   <li>{@code county:<pinyin>}: the sources serving one county, e.g. {@code county:zhangzixian} for 长子县
 *       (name: the county). The city level has no county set.
 *   <li>{@code kind:<kind>}: one resource kind, e.g. {@code kind:rare_book}.
 *   <li>{@code theme:<pinyin>}: one theme of {@link CanonicalRecord#themes()}, e.g. {@code theme:hongsewenhua}
 *       for 红色文化; the themes configured in {@code shangdang.oai.themes} are listed by ListSets, and any
 *       theme a record carries is in its header.
 * </ul>
 *
 * <p>Set specs must be ASCII ({@code [A-Za-z0-9-_.!~*'()]}): Chinese values become their toneless pinyin run
 * together (with the project's readings, so 长子县 is zhangzixian), or, without any Han character and not
 * ASCII-safe, {@code x} and the hex of their UTF-8 bytes. Source and county sets select in the database; kind
 * and theme sets need the canonical record, so they are filtered as each record is read. A deleted record has
 * no metadata left, so it is in the source and county sets of its source only. Immutable and thread-safe.
 */
public final class OaiSets {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9\\-_.!~*'()]+");

    private final Map<String, SourceProperties> sources;
    private final List<String> themes;
    private final Map<String, String> countyNames;

    public OaiSets(SourcesProperties sources, List<String> themes) {
        Map<String, SourceProperties> byId = new LinkedHashMap<>();
        sources.sources().forEach(s -> byId.put(s.id(), s));
        this.sources = Map.copyOf(byId);
        this.themes = List.copyOf(themes);
        Map<String, String> counties = new LinkedHashMap<>();
        sources.sources().stream().map(SourceProperties::county).filter(c -> !c.isEmpty())
                .forEach(c -> counties.putIfAbsent(specPart(c), c));
        this.countyNames = counties;
    }

    /** One set as ListSets shows it. */
    public record OaiSet(String spec, String name) {}

    /** A requested set, resolved. */
    public sealed interface Selection permits BySources, ByKind, ByTheme {}

    /** Records of these sources (a source or county set). */
    public record BySources(List<String> sourceIds) implements Selection {}

    /** Present records of this kind. */
    public record ByKind(ResourceKind kind) implements Selection {}

    /** Present records carrying a theme with this spec part. */
    public record ByTheme(String specPart) implements Selection {}

    /** Every set, in a stable order: sources, counties, kinds, configured themes. */
    public List<OaiSet> all() {
        List<OaiSet> sets = new ArrayList<>();
        sources.values().stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(s -> sets.add(new OaiSet("source:" + s.id(), s.name())));
        countyNames.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sets.add(new OaiSet("county:" + e.getKey(), e.getValue())));
        Arrays.stream(ResourceKind.values()).forEach(k -> sets.add(new OaiSet("kind:" + k.facetValue(), kindName(k))));
        themes.forEach(t -> sets.add(new OaiSet("theme:" + specPart(t), t)));
        return sets;
    }

    /** The set a spec names; empty when no such set exists. */
    public Optional<Selection> resolve(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String type = spec.substring(0, colon);
        String value = spec.substring(colon + 1);
        return switch (type) {
            case "source" -> sources.containsKey(value) ? Optional.of(new BySources(List.of(value))) : Optional.empty();
            case "county" -> {
                List<String> ids = sources.values().stream()
                        .filter(s -> !s.county().isEmpty() && specPart(s.county()).equals(value))
                        .map(SourceProperties::id).sorted().toList();
                yield ids.isEmpty() ? Optional.empty() : Optional.of(new BySources(ids));
            }
            case "kind" -> Arrays.stream(ResourceKind.values()).filter(k -> k.facetValue().equals(value))
                    .findFirst().map(ByKind::new);
            case "theme" -> SAFE.matcher(value).matches() ? Optional.of(new ByTheme(value)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Whether a present record (with its canonical form) is in a kind or theme selection; source selections are applied in SQL. */
    public static boolean contains(Selection selection, Optional<CanonicalRecord> record) {
        if (selection instanceof ByKind k) {
            return record.map(r -> r.kind() == k.kind()).orElse(false);
        }
        if (selection instanceof ByTheme t) {
            return record.map(r -> r.themes().stream().anyMatch(th -> specPart(th).equals(t.specPart()))).orElse(false);
        }
        return true;
    }

    /** The set specs of a record: its source and county, and for a present record its kind and themes. */
    public List<String> specsOf(String sourceId, Optional<CanonicalRecord> record) {
        List<String> specs = new ArrayList<>();
        specs.add("source:" + sourceId);
        Optional.ofNullable(sources.get(sourceId)).map(SourceProperties::county).filter(c -> !c.isEmpty())
                .ifPresent(c -> specs.add("county:" + specPart(c)));
        record.ifPresent(r -> {
            specs.add("kind:" + r.kind().facetValue());
            r.themes().stream().map(t -> "theme:" + specPart(t)).distinct().forEach(specs::add);
        });
        return specs;
    }

    /** The ASCII set spec part of a value: as is when safe, else its pinyin, else {@code x} and its UTF-8 hex. */
    public static String specPart(String value) {
        Objects.requireNonNull(value, "value");
        String stripped = value.strip();
        if (SAFE.matcher(stripped).matches()) {
            return stripped;
        }
        Optional<String> pinyin = Pinyin.of(stripped).map(f -> f.syllables().replaceAll("[^a-z0-9]", ""))
                .filter(p -> !p.isEmpty());
        return pinyin.orElseGet(() -> "x" + HexFormat.of().formatHex(stripped.getBytes(StandardCharsets.UTF_8)));
    }

    private static String kindName(ResourceKind kind) {
        return switch (kind) {
            case BOOK -> "图书";
            case RARE_BOOK -> "古籍";
            case SERIAL -> "期刊";
            case MAP -> "地图";
            case SCORE -> "乐谱";
            case AUDIO -> "音频";
            case VIDEO -> "视频";
            case IMAGE -> "图片";
            case MANUSCRIPT -> "手稿";
            case ARTICLE -> "文章";
            case EBOOK -> "电子书";
            case LECTURE -> "讲座";
            case ACTIVITY -> "活动";
            case REPERTOIRE -> "剧目";
            case OTHER -> "其他";
        };
    }
}
