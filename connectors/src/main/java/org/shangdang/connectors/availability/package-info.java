/**
 * Live item availability from each library's REST endpoint: {@link org.shangdang.connectors.availability.AvailabilityClient}
 * looks copies up by barcode, caches answers briefly, and degrades to
 * {@link org.shangdang.connectors.availability.AvailabilityStatus#UNKNOWN} with a reason when an endpoint is down,
 * slow or answers garbage, so that a catalogue or terminal lookup always answers. The JSON an endpoint serves is
 * described in {@code fixtures/README.md} and on {@link org.shangdang.connectors.availability.AvailabilityClient}.
 *
 * <p>Plain Java on {@code java.net.http} and Jackson: no Camel or Spring here.
 */
package org.shangdang.connectors.availability;
