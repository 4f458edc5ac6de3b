package org.shangdang.routes;

/** A harvest was requested for a source whose harvest is still running; at most one runs per source. */
public class HarvestAlreadyRunningException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String sourceId;

    public HarvestAlreadyRunningException(String sourceId) {
        super("a harvest of source '" + sourceId + "' is already running; try again when it has ended");
        this.sourceId = sourceId;
    }

    /** The source being harvested. */
    public String sourceId() {
        return sourceId;
    }
}
