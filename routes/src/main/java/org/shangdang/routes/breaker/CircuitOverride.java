package org.shangdang.routes.breaker;

/** Whether a harvest respects its source's open circuit. */
public enum CircuitOverride {
    /** An open circuit refuses the harvest: what schedules, start-up and unforced manual harvests do. */
    RESPECT,
    /** The harvest runs even though the circuit is open (staff forcing it); its outcome closes or reopens it. */
    FORCE
}
