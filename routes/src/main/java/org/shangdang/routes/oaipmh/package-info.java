/** The OAI-PMH harvest routes and the pager that drives the connector's harvester. */
package org.shangdang.routes.oaipmh;
