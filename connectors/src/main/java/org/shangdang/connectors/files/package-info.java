/**
 * Files that records reference (a IIIF manifest's PDF rendering, a cloud e-book, a recording's audio): fetched over
 * HTTP(S) or from a {@code file:} root under size, time, type and redirect limits, then extracted by the isolated
 * Tika children of {@link org.shangdang.connectors.extract.ExtractionService}.
 */
package org.shangdang.connectors.files;
