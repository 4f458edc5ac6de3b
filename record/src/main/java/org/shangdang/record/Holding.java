package org.shangdang.record;

import java.util.Objects;
import java.util.Optional;

/**
 * One copy (or one set of copies) of a work held by a library, as the catalogue record states it
 * (CNMARC 905/906, MARC21 852/949). Live availability is looked up separately.
 *
 * @param library the holding library, e.g. {@code 长治市图书馆}
 * @param location branch or shelving location
 * @param callNumber 索书号, e.g. {@code I236.25/12}
 * @param accessionNumber 登录号
 * @param barcode the item barcode
 * @param price as catalogued, e.g. {@code CNY38.00}
 * @param status the circulation status the record carries, if any
 */
public record Holding(
        String library,
        Optional<String> location,
        Optional<String> callNumber,
        Optional<String> accessionNumber,
        Optional<String> barcode,
        Optional<String> price,
        Optional<String> status) {

    public Holding {
        Objects.requireNonNull(library, "library");
        location = orEmpty(location);
        callNumber = orEmpty(callNumber);
        accessionNumber = orEmpty(accessionNumber);
        barcode = orEmpty(barcode);
        price = orEmpty(price);
        status = orEmpty(status);
    }

    private static Optional<String> orEmpty(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }
}
