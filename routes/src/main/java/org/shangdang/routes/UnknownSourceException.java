package org.shangdang.routes;

import java.util.List;

/** A harvest was requested for a source id that is not configured, or is configured but disabled. */
public class UnknownSourceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String sourceId;

    public UnknownSourceException(String sourceId, List<String> enabledSourceIds) {
        super("no enabled source '" + sourceId + "'; enabled sources: " + enabledSourceIds);
        this.sourceId = sourceId;
    }

    /** The id asked for. */
    public String sourceId() {
        return sourceId;
    }
}
