/**
 * The OAI-PMH 2.0 provider at {@code /oai} ({@link org.shangdang.api.oai.OaiProvider}) over the record store's
 * change feed, and the metadata writers it shares with the SRU server: MARC 21 MARCXML
 * ({@link org.shangdang.api.oai.MarcXmlRecord}, {@link org.shangdang.api.oai.Marc21FromCanonical}) and simple
 * Dublin Core ({@link org.shangdang.api.oai.DublinCoreRecord}), chosen per record by
 * {@link org.shangdang.api.oai.Dissemination}.
 */
package org.shangdang.api.oai;
