/**
 * IIIF Presentation API 2.1 and 3.0: a pull-style harvester of manifests from collection endpoints and single
 * manifest URLs ({@link org.shangdang.connectors.iiif.IiifHarvester}), and the crosswalk from a manifest to the
 * canonical record ({@link org.shangdang.connectors.iiif.IiifManifestCrosswalk}).
 *
 * <p>JSON is read with Jackson 3 under size and nesting limits ({@link org.shangdang.connectors.iiif.IiifJson}).
 * Plain Java on {@code java.net.http}: no Camel, Spring or index code here.
 */
package org.shangdang.connectors.iiif;
