package org.shangdang.routes.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sources to harvest, declared in configuration ({@code shangdang.sources}), not code.
 *
 * @param sources every configured source, enabled or not, with unique ids; none by default
 */
@ConfigurationProperties("shangdang")
public record SourcesProperties(@DefaultValue List<SourceProperties> sources) {

    public SourcesProperties {
        sources = sources == null ? List.of() : List.copyOf(sources);
        Set<String> ids = new HashSet<>();
        for (SourceProperties source : sources) {
            if (!ids.add(source.id())) {
                throw new IllegalArgumentException("source '" + source.id() + "': shangdang.sources[].id is used by"
                        + " more than one source; ids must be unique");
            }
        }
    }

    /** The source with this id, enabled or not. */
    public Optional<SourceProperties> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The enabled sources, in configuration order. */
    public List<SourceProperties> enabled() {
        return sources.stream().filter(SourceProperties::enabled).toList();
    }
}
