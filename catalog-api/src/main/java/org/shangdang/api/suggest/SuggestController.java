package org.shangdang.api.suggest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.suggest.SuggestIndex;
import org.shangdang.indexer.suggest.Suggestion;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Completions of what a reader is typing, for search boxes of portals and terminals. Read-only. */
@RestController
public class SuggestController {

    private final SuggestIndex suggestions;

    public SuggestController(SuggestIndex suggestions) {
        this.suggestions = suggestions;
    }

    @Operation(summary = "Complete a title, creator or subject as the reader types",
            description = "Prefix completion in Chinese characters (traditional or simplified), full pinyin "
                    + "(shangdang, shang dang) or pinyin initials (sdbz → 上党梆子). Ranked by how many records "
                    + "carry the term, titles weighing more than creators, creators more than subjects.")
    @GetMapping("/api/suggest")
    public SuggestResponse suggest(
            @Parameter(description = "what the reader typed so far; at most 100 characters, no control characters")
            @RequestParam(name = "q", defaultValue = "") String q,
            @Parameter(description = "suggestions wanted, 1..20")
            @RequestParam(name = "size", defaultValue = "8") String size) {
        long started = System.nanoTime();
        List<Suggestion> found = suggestions.suggest(q, intParam("size", size));
        List<SuggestResponse.Item> items = found.stream()
                .map(s -> new SuggestResponse.Item(s.text(), s.kind().value(), s.count(), s.pinyin()))
                .toList();
        return new SuggestResponse(q, (System.nanoTime() - started) / 1_000_000, items);
    }

    private static int intParam(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            String shown = value.length() <= 40 ? value : value.substring(0, 40) + "…";
            throw new InvalidQueryException(name + " must be a whole number; got: '" + shown + "'");
        }
    }

    /**
     * The JSON body of {@code GET /api/suggest}.
     *
     * @param q the query as received
     * @param tookMs time spent finding the suggestions
     * @param suggestions best first
     */
    public record SuggestResponse(String q, @JsonProperty("took_ms") long tookMs, List<Item> suggestions) {

        /**
         * @param text the term as catalogued, to put in the search box
         * @param kind {@code title}, {@code creator} or {@code subject}
         * @param count records carrying it
         * @param pinyin its toneless pinyin syllables, "" when it has no Han character
         */
        public record Item(String text, String kind, int count, String pinyin) {}
    }
}
