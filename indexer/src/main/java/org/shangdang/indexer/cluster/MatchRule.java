package org.shangdang.indexer.cluster;

/** Why two records were linked into one work, strongest evidence first (links are tried in this order). */
public enum MatchRule {
    /** They share a valid ISBN (ISBN-10 and ISBN-13 forms compared as ISBN-13). */
    SAME_ISBN,
    /** They share a UNIMARC/CNMARC 012 rare-book fingerprint. */
    SAME_FINGERPRINT,
    /** Same title key, a shared creator and the same publisher. */
    TITLE_CREATOR_PUBLISHER,
    /** Same title key and a shared creator; one of them gives no publisher. */
    TITLE_CREATOR,
    /** Same title key, publisher and year; one of them gives no creator. */
    TITLE_PUBLISHER_YEAR;

    /** Whether the rule rests on the title key, so creator, publisher and ISBN disagreements veto it. */
    boolean titleBased() {
        return this != SAME_ISBN && this != SAME_FINGERPRINT;
    }
}
