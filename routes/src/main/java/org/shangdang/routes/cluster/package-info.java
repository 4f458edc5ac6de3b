/**
 * The union catalog inside ingestion: every record written to the index is assigned to its work, and records
 * elsewhere in the index whose work changed because of it are re-written with their new work id.
 */
package org.shangdang.routes.cluster;
