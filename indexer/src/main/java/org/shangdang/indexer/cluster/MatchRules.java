package org.shangdang.indexer.cluster;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The pairwise rules and vetoes. Vetoes come in two strengths:
 *
 * <ul>
 *   <li><b>hard</b> (volume, edition, kind, fingerprint, years more than {@value #REPRINT_YEARS} apart) keep
 *       records apart whatever links them, ISBN included, and are checked between every pair of two works
 *       before they merge;
 *   <li><b>title</b> vetoes (no shared creator, different publishers, disjoint ISBNs, years more than
 *       {@value #TITLE_YEARS} apart without a reprint statement) apply only to links that rest on the title key,
 *       since an ISBN is better evidence than how two cataloguers spelled a publisher.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class MatchRules {

    /** A reprint keeps the ISBN and edition, and may come out this many years after the first printing. */
    static final int REPRINT_YEARS = 15;
    /** Without a reprint statement, the same book's year differs by at most this (date of printing vs. 版权页). */
    static final int TITLE_YEARS = 2;
    /** Below this bigram similarity two titles under one ISBN are taken for different books. */
    static final double ISBN_TITLE_SIMILARITY = 0.2;

    private MatchRules() {
    }

    /** What the rules conclude about one pair of records. */
    sealed interface Decision {
    }

    /** The pair belongs to one work. */
    record Linked(MatchRule rule, String reason) implements Decision {
    }

    /** The pair shares a key but a veto keeps it apart. */
    record KeptApart(Veto veto, String reason) implements Decision {
    }

    /** The pair shares a title key but not enough else to link it, and nothing vetoes it either. */
    record NotEnoughEvidence() implements Decision {
    }

    static final Decision NOT_ENOUGH = new NotEnoughEvidence();

    /** Decides a pair that shares at least one blocking key. */
    static Decision decide(MatchKeys a, MatchKeys b) {
        Optional<KeptApart> hard = hardVeto(a, b);
        if (hard.isPresent()) {
            return hard.get();
        }
        long sharedIsbn = sharedIsbn(a, b);
        if (sharedIsbn != 0) {
            if (MatchText.similarity(a.titleKey(), b.titleKey()) < ISBN_TITLE_SIMILARITY) {
                return new KeptApart(Veto.ISBN_ON_DIFFERENT_TITLES,
                        "ISBN " + sharedIsbn + " on different titles: " + a.titleKey() + " vs " + b.titleKey());
            }
            return new Linked(MatchRule.SAME_ISBN, "same ISBN " + sharedIsbn);
        }
        if (a.fingerprint().isPresent() && a.fingerprint().equals(b.fingerprint())) {
            return new Linked(MatchRule.SAME_FINGERPRINT, "same 012 fingerprint " + a.fingerprint().get());
        }
        if (!a.titleKey().isEmpty() && a.titleKey().equals(b.titleKey())) {
            Optional<KeptApart> title = titleVeto(a, b);
            if (title.isPresent()) {
                return title.get();
            }
            return titleLink(a, b);
        }
        return NOT_ENOUGH;
    }

    /** The veto, if any, that keeps two records apart however they are linked. */
    static Optional<KeptApart> hardVeto(MatchKeys a, MatchKeys b) {
        if (a.kind() != b.kind()) {
            return veto(Veto.DIFFERENT_KIND, "different kinds: " + a.kind() + " vs " + b.kind());
        }
        if (!Objects.equals(a.volume(), b.volume())) {
            return veto(Veto.DIFFERENT_VOLUME, "different volume: " + a.volume().orElse("whole set") + " vs "
                    + b.volume().orElse("whole set"));
        }
        if (!a.edition().equals(b.edition())) {
            return veto(Veto.DIFFERENT_EDITION, "different edition: " + a.edition() + " vs " + b.edition());
        }
        if (a.fingerprint().isPresent() && b.fingerprint().isPresent() && !a.fingerprint().equals(b.fingerprint())) {
            return veto(Veto.DIFFERENT_FINGERPRINT,
                    "different 012 fingerprints: " + a.fingerprint().get() + " vs " + b.fingerprint().get());
        }
        int gap = yearGap(a, b);
        if (gap > REPRINT_YEARS) {
            return veto(Veto.YEARS_APART, "years too far apart: " + a.yearOrZero() + " vs " + b.yearOrZero());
        }
        return Optional.empty();
    }

    /** The hard vetoes, then those that only a title-based link must respect. */
    static Optional<KeptApart> titleVeto(MatchKeys a, MatchKeys b) {
        Optional<KeptApart> hard = hardVeto(a, b);
        if (hard.isPresent()) {
            return hard;
        }
        int gap = yearGap(a, b);
        if (gap > TITLE_YEARS && !a.reprint() && !b.reprint()) {
            return veto(Veto.YEARS_APART, "years too far apart for the same printing: " + a.yearOrZero() + " vs "
                    + b.yearOrZero() + " and no reprint stated");
        }
        if (a.creatorArray().length > 0 && b.creatorArray().length > 0 && !shareCreator(a, b)) {
            return veto(Veto.DIFFERENT_CREATOR, "no creator in common: " + a.creators() + " vs " + b.creators());
        }
        if (a.publisher().isPresent() && b.publisher().isPresent() && !a.publisher().equals(b.publisher())) {
            return veto(Veto.DIFFERENT_PUBLISHER,
                    "different publishers: " + a.publisher().get() + " vs " + b.publisher().get());
        }
        if (a.isbnNumbers().length > 0 && b.isbnNumbers().length > 0 && sharedIsbn(a, b) == 0) {
            return veto(Veto.DIFFERENT_ISBN, "different ISBNs: " + a.isbns() + " vs " + b.isbns());
        }
        return Optional.empty();
    }

    /** The veto a link by this rule must respect between two records. */
    static Optional<KeptApart> vetoFor(MatchRule rule, MatchKeys a, MatchKeys b) {
        return rule.titleBased() ? titleVeto(a, b) : hardVeto(a, b);
    }

    private static Decision titleLink(MatchKeys a, MatchKeys b) {
        String title = a.titleKey();
        if (shareCreator(a, b)) {
            String creator = firstSharedCreator(a, b);
            if (a.publisher().isPresent() && b.publisher().isPresent()) {
                return new Linked(MatchRule.TITLE_CREATOR_PUBLISHER,
                        "title+creator+publisher match: " + title + " / " + creator + " / " + a.publisher().get());
            }
            return new Linked(MatchRule.TITLE_CREATOR, "title+creator match: " + title + " / " + creator);
        }
        if (a.publisher().isPresent() && b.publisher().isPresent() && a.yearOrZero() != 0 && b.yearOrZero() != 0) {
            return new Linked(MatchRule.TITLE_PUBLISHER_YEAR,
                    "title+publisher+year match: " + title + " / " + a.publisher().get() + " / " + a.yearOrZero());
        }
        return NOT_ENOUGH;
    }

    private static Optional<KeptApart> veto(Veto veto, String reason) {
        return Optional.of(new KeptApart(veto, reason));
    }

    private static int yearGap(MatchKeys a, MatchKeys b) {
        return a.yearOrZero() == 0 || b.yearOrZero() == 0 ? 0 : Math.abs(a.yearOrZero() - b.yearOrZero());
    }

    /** The smallest ISBN-13 both records carry, or 0. */
    static long sharedIsbn(MatchKeys a, MatchKeys b) {
        for (long isbn : a.isbnNumbers()) {
            if (Arrays.binarySearch(b.isbnNumbers(), isbn) >= 0) {
                return isbn;
            }
        }
        return 0;
    }

    private static boolean shareCreator(MatchKeys a, MatchKeys b) {
        return !firstSharedCreator(a, b).isEmpty();
    }

    private static String firstSharedCreator(MatchKeys a, MatchKeys b) {
        for (String x : a.creatorArray()) {
            for (String y : b.creatorArray()) {
                if (x.equals(y)) {
                    return x;
                }
            }
        }
        return "";
    }
}
