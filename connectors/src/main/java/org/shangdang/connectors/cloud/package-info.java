/**
 * The public culture clouds' open APIs: the National Public Culture Cloud (国家公共文化云) and the Shanxi Public
 * Culture Cloud (山西公共文化云). A pull-style harvester ({@link org.shangdang.connectors.cloud.CloudHarvester})
 * authenticates with client credentials, pages through the resource list (all of it, or what changed since a
 * time) and yields one raw record per resource item; {@link org.shangdang.connectors.cloud.CloudCrosswalk} maps an
 * item to the canonical record. The two clouds speak different JSON; each dialect lives in one class
 * ({@code NationalCloudApi}, {@code ShanxiCloudApi}) and is documented, with its fixtures, in
 * {@code fixtures/README.md}.
 *
 * <p>Plain Java on {@code java.net.http} and Jackson 3: no Camel, Spring or index code here.
 */
package org.shangdang.connectors.cloud;
