package org.shangdang.indexer.enrich;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.shangdang.indexer.analysis.ChineseFolding;
import org.shangdang.record.CanonicalRecord;

/**
 * Adds what a record's text says about it, from an {@link EnrichmentVocabulary}:
 * <ul>
 *   <li><b>county</b>: kept when the source gave one; else the county whose term occurs earliest in the
 *       first field that names one (title, other titles, subjects, description, notes, full text);</li>
 *   <li><b>themes</b>: every reading theme one of whose terms occurs anywhere, added to the themes the record
 *       already has;</li>
 *   <li><b>genre</b>: kept when the source gave one; else found like the county.</li>
 * </ul>
 * Terms and text are compared after {@link ChineseFolding#fold} (traditional → simplified, NFKC, case folded).
 *
 * <p>Idempotent (enriching twice gives the same record) and thread-safe; the vocabulary is folded once, on
 * construction.
 */
public final class RecordEnricher {

    private final Map<String, List<String>> counties;
    private final Map<String, List<String>> themes;
    private final Map<String, List<String>> genres;

    public RecordEnricher(EnrichmentVocabulary vocabulary) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        this.counties = folded(vocabulary.counties());
        this.themes = folded(vocabulary.themes());
        this.genres = folded(vocabulary.genres());
    }

    /** An enricher with the built-in vocabulary. */
    public static RecordEnricher builtIn() {
        return new RecordEnricher(EnrichmentVocabulary.builtIn());
    }

    /** The record with county, themes and genre added where its text names them; unchanged otherwise. */
    public CanonicalRecord enrich(CanonicalRecord record) {
        List<String> fields = foldedFields(record);
        Optional<String> county = record.county().or(() -> firstNamed(counties, fields));
        Optional<String> genre = record.genre().or(() -> firstNamed(genres, fields));
        Set<String> recordThemes = new LinkedHashSet<>(record.themes());
        String all = String.join("\n", fields);
        themes.forEach((theme, terms) -> {
            if (terms.stream().anyMatch(all::contains)) {
                recordThemes.add(theme);
            }
        });
        List<String> newThemes = List.copyOf(recordThemes);
        if (county.equals(record.county()) && genre.equals(record.genre()) && newThemes.equals(record.themes())) {
            return record;
        }
        return new CanonicalRecord(record.id(), record.sourceId(), record.recordId(), record.format(), record.kind(),
                record.title(), record.parallelTitles(), record.otherTitles(), record.creators(), record.publisher(),
                record.place(), record.year(), record.isbns(), record.languages(), record.subjects(),
                record.classifications(), record.description(), record.notes(), record.holdings(), record.library(),
                county, record.datestamp(), record.edition(), record.volume(), record.fingerprint(), newThemes, genre,
                record.media(), record.fullText(), record.rights(), record.workId(), record.event(),
                record.duration());
    }

    /** In the order a name found counts: the first field naming a value wins, within it the earliest term. */
    private static List<String> foldedFields(CanonicalRecord record) {
        List<String> fields = new ArrayList<>();
        fields.add(record.title());
        fields.add(String.join("\n", record.parallelTitles()));
        fields.add(String.join("\n", record.otherTitles()));
        fields.add(String.join("\n", record.subjects()));
        fields.add(record.description().orElse(""));
        fields.add(String.join("\n", record.notes()));
        fields.add(record.fullText().orElse(""));
        return fields.stream().filter(f -> !f.isBlank()).map(ChineseFolding::fold).toList();
    }

    private static Optional<String> firstNamed(Map<String, List<String>> vocabulary, List<String> fields) {
        for (String field : fields) {
            String best = null;
            int bestAt = Integer.MAX_VALUE;
            for (Map.Entry<String, List<String>> entry : vocabulary.entrySet()) {
                for (String term : entry.getValue()) {
                    int at = field.indexOf(term);
                    if (at >= 0 && at < bestAt) {
                        best = entry.getKey();
                        bestAt = at;
                    }
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> folded(Map<String, List<String>> vocabulary) {
        Map<String, List<String>> folded = new LinkedHashMap<>();
        vocabulary.forEach((value, terms) -> folded.put(value, terms.stream().map(ChineseFolding::fold).toList()));
        return folded;
    }
}
