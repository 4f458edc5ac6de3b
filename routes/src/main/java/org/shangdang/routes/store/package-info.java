/**
 * The record store: raw records as harvested (so a re-index needs no re-harvest), checkpoints, jobs and
 * rejects, in SQL that runs on H2 (PostgreSQL mode) and PostgreSQL.
 */
package org.shangdang.routes.store;
