package org.shangdang.record;

import java.util.Objects;

/**
 * A class number in a named scheme.
 *
 * @param scheme {@code clc} (中国图书馆分类法: CNMARC 690, MARC21 084 $2 clc), {@code ddc}, {@code lcc}, or the source's own label
 * @param code the class number, e.g. {@code I236.25}
 */
public record Classification(String scheme, String code) {

    public static final String CLC = "clc";

    public Classification {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(code, "code");
    }
}
