package org.shangdang.connectors.extract;

/** Why a file was not extracted; the reject store shows {@link #name()} with a detail message. */
public enum RejectReason {
    /** Larger than {@link ExtractionLimits#maxFileBytes()}; never sent to a child. */
    TOO_LARGE,
    /** The child took longer than {@link ExtractionLimits#timeout()} and was killed. */
    TIMEOUT,
    /** The child ran out of its heap ({@link ExtractionLimits#childHeapMegabytes()}) and exited. */
    OUT_OF_MEMORY,
    /** Password-protected or encrypted content. */
    ENCRYPTED,
    /** Truncated, damaged or not the format it claims to be. */
    CORRUPT,
    /** An archive that expands beyond the nesting or compression-ratio limits (e.g. a self-reproducing zip). */
    ZIP_BOMB,
    /** XML declaring an external entity or an external DTD (XXE); refused before parsing. */
    XXE_REFUSED,
    /** XML declaring internal entities (billion laughs, quadratic blow-up); refused before parsing. */
    ENTITY_EXPANSION_REFUSED,
    /** Not a readable regular file (missing, a directory, no permission). */
    UNREADABLE,
    /** The child died for another reason (a crash in native code, a killed process). */
    CHILD_CRASHED
}
