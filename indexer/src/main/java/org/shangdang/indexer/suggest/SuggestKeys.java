package org.shangdang.indexer.suggest;

import java.util.ArrayList;
import java.util.List;
import org.shangdang.indexer.analysis.ChineseFolding;
import org.shangdang.indexer.analysis.Pinyin;

/**
 * The lookup keys of a term and the key of what a reader typed, so that both compare in one form.
 *
 * <p>A key is the {@link ChineseFolding#fold folded} text (長治 → 长治, ＡＢＣ → abc) with everything but
 * letters and digits removed, so spaces and punctuation never matter ({@code shang dang} → {@code shangdang},
 * {@code 上党梆子：传统} → {@code 上党梆子传统}). A term has up to three keys: its characters, its whole pinyin
 * run together ({@code shangdangbangzi}) and its pinyin initials ({@code sdbz}). Stateless and thread-safe.
 */
final class SuggestKeys {

    private SuggestKeys() {}

    /** The key of a query or of a term's text; may be empty. */
    static String normalize(String text) {
        String folded = ChineseFolding.fold(text);
        StringBuilder key = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }

    /** The distinct keys of a term: characters, pinyin run together, pinyin initials. */
    static List<String> of(String text) {
        List<String> keys = new ArrayList<>(3);
        String characters = normalize(text);
        if (!characters.isEmpty()) {
            keys.add(characters.equals(text) ? text : characters);
        }
        Pinyin.of(text).ifPresent(forms -> {
            addDistinct(keys, forms.joined().get(0));
            addDistinct(keys, forms.initials().get(0));
        });
        return keys;
    }

    /** The pinyin syllables shown beside a suggestion, or "" when the text has no Han character. */
    static String syllables(String text) {
        return Pinyin.of(text).map(Pinyin.Forms::syllables).orElse("");
    }

    private static void addDistinct(List<String> keys, String key) {
        if (!key.isEmpty() && !keys.contains(key)) {
            keys.add(key);
        }
    }
}
