package org.shangdang.indexer.cluster;

/** Why two records that share a key were kept in different works. */
public enum Veto {
    /** Different volumes or parts of a set (上册 and 下册, 第一卷 and 第二卷), or a volume and the whole set. */
    DIFFERENT_VOLUME,
    /** Different editions (第2版 and 第1版); a reprint (重印) is the same edition. */
    DIFFERENT_EDITION,
    /** Years further apart than a reprint explains. */
    YEARS_APART,
    /** Both rare books carry a 012 fingerprint and they differ: different editions or printings. */
    DIFFERENT_FINGERPRINT,
    /** A text and a recording, a video and a map… */
    DIFFERENT_KIND,
    /** One ISBN on two unrelated titles: a reused or mistyped ISBN. */
    ISBN_ON_DIFFERENT_TITLES,
    /** Same title, but no creator in common. */
    DIFFERENT_CREATOR,
    /** Same title, but different publishers. */
    DIFFERENT_PUBLISHER,
    /** Same title, but each has ISBNs and none is shared. */
    DIFFERENT_ISBN
}
