package org.shangdang.indexer.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The terms enrichment looks for, per value: counties, reading themes and opera/quyi genres, each an ordered
 * map from the value (e.g. {@code 长子县}) to its terms. Read from YAML: the built-in
 * {@code enrichment/vocabulary.yml} documents the format. Immutable and thread-safe.
 *
 * @param counties county or district → terms
 * @param themes reading theme → terms
 * @param genres genre → terms
 */
public record EnrichmentVocabulary(Map<String, List<String>> counties, Map<String, List<String>> themes,
        Map<String, List<String>> genres) {

    /** The built-in vocabulary's class-path resource. */
    public static final String BUILT_IN = "/enrichment/vocabulary.yml";

    public EnrichmentVocabulary {
        counties = copy(counties);
        themes = copy(themes);
        genres = copy(genres);
    }

    /** The built-in vocabulary. */
    public static EnrichmentVocabulary builtIn() {
        try (InputStream in = EnrichmentVocabulary.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the enrichment vocabulary " + BUILT_IN + " is missing from the class path");
            }
            return parse(in, BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the enrichment vocabulary " + BUILT_IN, e);
        }
    }

    /**
     * A vocabulary file in the built-in one's format.
     *
     * @throws IllegalArgumentException naming the file and the bad entry when it is not such a vocabulary
     * @throws UncheckedIOException when it cannot be read
     */
    public static EnrichmentVocabulary load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the enrichment vocabulary " + file, e);
        }
    }

    static EnrichmentVocabulary parse(InputStream in, String where) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("enrichment vocabulary " + where + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> sections)) {
            throw new IllegalArgumentException("enrichment vocabulary " + where
                    + " must be a map with counties, themes and genres; got: " + root);
        }
        return new EnrichmentVocabulary(section(sections, "counties", where), section(sections, "themes", where),
                section(sections, "genres", where));
    }

    private static Map<String, List<String>> section(Map<?, ?> sections, String name, String where) {
        Object section = sections.get(name);
        if (section == null) {
            return Map.of();
        }
        if (!(section instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException("enrichment vocabulary " + where + ": " + name
                    + " must map each value to a list of terms; got: " + section);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String value = String.valueOf(entry.getKey()).strip();
            if (!(entry.getValue() instanceof List<?> terms) || terms.isEmpty()) {
                throw new IllegalArgumentException("enrichment vocabulary " + where + ": " + name + "." + value
                        + " must be a non-empty list of terms; got: " + entry.getValue());
            }
            List<String> kept = new ArrayList<>();
            for (Object term : terms) {
                if (term == null || String.valueOf(term).isBlank()) {
                    throw new IllegalArgumentException("enrichment vocabulary " + where + ": " + name + "." + value
                            + " has a blank term");
                }
                kept.add(String.valueOf(term).strip());
            }
            values.put(value, kept);
        }
        return values;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNullElse(map, Map.<String, List<String>>of()).forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
