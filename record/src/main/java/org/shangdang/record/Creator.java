package org.shangdang.record;

import java.util.Objects;
import java.util.Optional;

/**
 * A person or body responsible for a work.
 *
 * @param name as catalogued, e.g. {@code 赵树理}
 * @param role the relation as the source states it: a CNMARC/MARC relator code or term ({@code 070}, {@code aut})
 *     or the Chinese statement of responsibility ({@code 著}, {@code 编}, {@code 主编}); empty when unstated
 */
public record Creator(String name, Optional<String> role) {

    public Creator {
        Objects.requireNonNull(name, "name");
        role = role == null ? Optional.empty() : role;
    }

    public static Creator of(String name) {
        return new Creator(name, Optional.empty());
    }

    public static Creator of(String name, String role) {
        return new Creator(name, Optional.ofNullable(role).filter(r -> !r.isBlank()));
    }
}
