/**
 * Harvest step and store for files that records reference: fetched and extracted for the sources that opt in
 * ({@code shangdang.harvest.files.sources}), remembered in the {@code referenced_file} table, attached to the records.
 */
package org.shangdang.routes.files;
