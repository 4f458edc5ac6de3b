/**
 * Harvesting, as the rest of the application sees it: {@link org.shangdang.routes.HarvestJobs} starts
 * harvests (plain Java API, no Camel types), {@link org.shangdang.routes.RoutesAutoConfiguration} wires
 * the routes, record store and steps.
 */
package org.shangdang.routes;
