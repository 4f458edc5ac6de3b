package org.shangdang.routes.breaker;

/** Where a source's circuit stands. */
public enum CircuitState {
    /** Harvested as usual. */
    CLOSED,
    /** Broken: scheduled and start-up harvests are skipped, and manual ones refused unless forced, until the cool-down ends. */
    OPEN,
    /** The cool-down is over: the next harvest is the trial; success closes the circuit, failure opens it again. */
    HALF_OPEN
}
