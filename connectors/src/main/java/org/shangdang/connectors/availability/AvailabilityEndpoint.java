package org.shangdang.connectors.availability;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One library's live availability endpoint, as configured.
 *
 * @param libraryId the id lookups name the library by, e.g. {@code wuxiang-county}
 * @param library the library's name, e.g. {@code 武乡县图书馆}
 * @param url the endpoint; {@code ?barcodes=…} is appended
 */
public record AvailabilityEndpoint(String libraryId, String library, URI url) {

    public AvailabilityEndpoint {
        Objects.requireNonNull(libraryId, "libraryId");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (libraryId.isBlank() || !url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("availability endpoint " + libraryId + ": need a library id and an absolute"
                    + " http(s) URL; got: " + url);
        }
    }
}
