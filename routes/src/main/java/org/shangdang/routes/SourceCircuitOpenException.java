package org.shangdang.routes;

import java.time.Instant;
import org.shangdang.routes.breaker.SourceCircuit;

/**
 * A harvest was refused because its source is circuit-broken (see {@link org.shangdang.routes.breaker.SourceCircuits}):
 * the message names the source, why it broke and until when, and how to force a harvest.
 */
public class SourceCircuitOpenException extends RuntimeException {

    private final transient SourceCircuit circuit;

    public SourceCircuitOpenException(SourceCircuit circuit) {
        super("source '" + circuit.sourceId() + "' is circuit-broken until "
                + circuit.openUntil().map(Instant::toString).orElse("?") + ": "
                + circuit.reason().orElse("it kept failing")
                + "; scheduled and start-up harvests skip it until then, after which one trial harvest may close it;"
                + " force a harvest now with force=true (API) or --force (command line)");
        this.circuit = circuit;
    }

    /** The circuit that refused the harvest. */
    public SourceCircuit circuit() {
        return circuit;
    }
}
