package org.shangdang.indexer.suggest;

import java.util.Objects;

/**
 * One completion offered to a reader.
 *
 * @param text the term as catalogued (Chinese characters, traditional stays traditional), ready to search
 * @param kind whether it is a title, a creator or a subject
 * @param count how many indexed records carry it
 * @param pinyin its toneless pinyin syllables ({@code shang dang bang zi}); empty when it holds no Han character
 */
public record Suggestion(String text, SuggestionKind kind, int count, String pinyin) {

    public Suggestion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pinyin, "pinyin");
    }
}
