package org.shangdang.routes.it;

import java.util.List;
import java.util.Optional;

/**
 * Small OAI-PMH and SRU responses written here, for WireMock stubs whose requests a test inspects (timestamps,
 * headers) or whose answers it changes mid-test (failures, recovery).
 */
final class TinySources {

    private TinySources() {}

    /** An OAI-PMH ListRecords page of Dublin Core records with these ids, and the token of the next page. */
    static String oaiPage(List<String> ids, Optional<String> nextToken) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
                  <responseDate>2026-01-01T00:00:00Z</responseDate>
                  <request verb="ListRecords">http://localhost/oai</request>
                  <ListRecords>
                """);
        for (String id : ids) {
            xml.append("""
                    <record><header><identifier>%s</identifier><datestamp>2026-01-01</datestamp></header>
                      <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
                          xmlns:dc="http://purl.org/dc/elements/1.1/">
                        <dc:title>太行山志 %s</dc:title><dc:identifier>%s</dc:identifier><dc:language>chi</dc:language>
                      </oai_dc:dc></metadata></record>
                    """.formatted(id, id, id));
        }
        nextToken.ifPresent(t -> xml.append("<resumptionToken>").append(t).append("</resumptionToken>"));
        return xml.append("</ListRecords></OAI-PMH>").toString();
    }

    /** An SRU 1.2 searchRetrieve page of Dublin Core records; {@code records} are ready-made record elements. */
    static String sruPage(long total, List<String> records, Optional<Integer> nextPosition) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/">
                  <version>1.2</version>
                """).append("<numberOfRecords>").append(total).append("</numberOfRecords><records>");
        records.forEach(xml::append);
        xml.append("</records>");
        nextPosition.ifPresent(p -> xml.append("<nextRecordPosition>").append(p).append("</nextRecordPosition>"));
        return xml.append("</searchRetrieveResponse>").toString();
    }

    /** An SRU record of Dublin Core with this identifier and title (no title: a record the crosswalk rejects). */
    static String sruDcRecord(long position, Optional<String> id, Optional<String> title) {
        return """
                <record><recordSchema>info:srw/schema/1/dc-v1.1</recordSchema><recordPacking>xml</recordPacking>
                  <recordData><srw_dc:dc xmlns:srw_dc="info:srw/schema/1/dc-schema"
                      xmlns:dc="http://purl.org/dc/elements/1.1/">%s%s<dc:language>chi</dc:language></srw_dc:dc></recordData>
                  <recordPosition>%d</recordPosition></record>
                """.formatted(title.map(t -> "<dc:title>" + t + "</dc:title>").orElse(""),
                id.map(i -> "<dc:identifier>" + i + "</dc:identifier>").orElse(""), position);
    }

    /** An SRU surrogate diagnostic in place of the record at this position. */
    static String sruSurrogate(long position) {
        return """
                <record><recordSchema>info:srw/schema/1/diagnostics-v1.1</recordSchema><recordPacking>xml</recordPacking>
                  <recordData><diagnostic xmlns="http://www.loc.gov/zing/srw/diagnostic/">
                    <uri>info:srw/diagnostic/1/65</uri><message>Record deleted by another user</message>
                  </diagnostic></recordData>
                  <recordPosition>%d</recordPosition></record>
                """.formatted(position);
    }
}
