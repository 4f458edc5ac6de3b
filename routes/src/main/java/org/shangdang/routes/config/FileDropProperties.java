package org.shangdang.routes.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A watched directory of dropped MARC files ({@code shangdang.sources[].filedrop}). Validated by the
 * {@link SourceProperties} that holds it, so that messages can name the source.
 *
 * @param inbox the directory libraries drop {@code .mrc}, {@code .iso}, {@code .marc}, {@code .dat} or {@code .xml}
 *     files into; {@code processing/}, {@code done/} and {@code failed/} are made inside it; required
 * @param quietPeriod how long a file must be unmodified before it is taken, e.g. {@code 30s} (the default)
 */
public record FileDropProperties(
        Path inbox,
        @DefaultValue("30s") Duration quietPeriod) {
}
