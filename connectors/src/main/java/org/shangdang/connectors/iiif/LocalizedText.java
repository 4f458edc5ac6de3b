package org.shangdang.connectors.iiif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A IIIF text value in every language it is given in, read from either version's shape: a v3 language map
 * ({@code {"zh-Hans": ["…"], "en": ["…"]}}), or a v2 string, {@code {"@value", "@language"}} object or array of
 * either. HTML (allowed in v2 values and v3 metadata) is reduced to its text. Immutable.
 *
 * @param values each value with its language tag ({@code none} when untagged), in document order, blanks dropped
 */
record LocalizedText(List<Tagged> values) {

    /** One value and its language tag, e.g. {@code zh-Hant}. */
    record Tagged(String language, String text) {
    }

    private static final Pattern BREAK = Pattern.compile("(?i)<(br|/p|/div|/li)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\r\\n]+");

    LocalizedText {
        values = List.copyOf(values);
    }

    static LocalizedText read(JsonNode node) {
        List<Tagged> values = new ArrayList<>();
        collect(node, "none", values);
        return new LocalizedText(values);
    }

    private static void collect(JsonNode node, String language, List<Tagged> into) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isString()) {
            add(into, language, node.stringValue());
        } else if (node.isNumber() || node.isBoolean()) {
            add(into, language, node.asString());
        } else if (node.isArray()) {
            for (JsonNode item : node.values()) {
                collect(item, language, into);
            }
        } else if (node.isObject()) {
            if (node.has("@value")) {
                String lang = node.path("@language").isString() ? node.path("@language").stringValue() : language;
                collect(node.get("@value"), lang, into);
            } else {
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    collect(entry.getValue(), entry.getKey(), into);
                }
            }
        }
    }

    private static void add(List<Tagged> into, String language, String raw) {
        String text = clean(raw);
        if (!text.isEmpty()) {
            into.add(new Tagged(language, text));
        }
    }

    /** Tags removed, entities for the common characters decoded, runs of ASCII whitespace collapsed, stripped. */
    static String clean(String raw) {
        // Inline tags (<b>, <a>) sit inside Chinese text without spaces; only block ends separate words.
        String text = raw.indexOf('<') >= 0 ? TAG.matcher(BREAK.matcher(raw).replaceAll(" ")).replaceAll("") : raw;
        if (text.indexOf('&') >= 0) {
            text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        }
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The preferred value: simplified Chinese first, then untagged or generic Chinese, traditional Chinese,
     * untagged, English, and anything else (Kyoto's manifests repeat the Chinese title under {@code en}).
     */
    Optional<String> preferred() {
        return values.stream().min(Comparator.comparingInt(v -> rank(v.language()))).map(Tagged::text);
    }

    /** Every distinct value other than {@link #preferred()}, in preference order. */
    List<String> others() {
        Optional<String> first = preferred();
        return values.stream()
                .sorted(Comparator.comparingInt(v -> rank(v.language())))
                .map(Tagged::text)
                .distinct()
                .filter(t -> first.map(f -> !f.equals(t)).orElse(true))
                .toList();
    }

    /** All distinct values, preferred first. */
    List<String> all() {
        List<String> all = new ArrayList<>();
        preferred().ifPresent(all::add);
        all.addAll(others());
        return all;
    }

    /** Whether any value is tagged with a language whose tag starts with {@code prefix}, e.g. {@code zh}. */
    boolean hasLanguage(String prefix) {
        return values.stream().anyMatch(v -> v.language().toLowerCase(Locale.ROOT).startsWith(prefix));
    }

    static int rank(String language) {
        String tag = language.toLowerCase(Locale.ROOT);
        if (tag.equals("zh-hans") || tag.equals("zh-cn") || tag.equals("zh-sg")) {
            return 0;
        }
        if (tag.equals("zh")) {
            return 1;
        }
        if (tag.startsWith("zh")) {
            return 2;
        }
        if (tag.equals("none") || tag.equals("@none")) {
            return 3;
        }
        if (tag.startsWith("en")) {
            return 4;
        }
        return 5;
    }
}
