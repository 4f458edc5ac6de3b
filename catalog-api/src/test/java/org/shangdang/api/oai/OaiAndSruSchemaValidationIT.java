package org.shangdang.api.oai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangdang.fixtures.FixtureScenario;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;

/**
 * Every kind of provider response, every page of full oai_dc and marcxml harvests, and SRU 1.2 responses validate
 * against the official schemas in {@code ../shared/corpus/schemas} (OAI-PMH.xsd, oai_dc.xsd, MARC21slim.xsd as
 * published, srw-types.xsd), resolved offline. Skips with a message where {@code ../shared} is absent.
 */
class OaiAndSruSchemaValidationIT extends RunningCatalog {

    private static final Map<String, String> SCHEMA_FILES = Map.of(
            "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd", "OAI-PMH.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "oai_dc.xsd",
            "http://dublincore.org/schemas/xmls/simpledc20021212.xsd", "simpledc20021212.xsd",
            "http://www.w3.org/2001/03/xml.xsd", "xml.xsd",
            "http://www.w3.org/2001/xml.xsd", "xml.xsd",
            "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd", "MARC21slim.xsd");
    private static final Pattern TOKEN = Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>");

    private Path schemas;

    @BeforeAll
    void locateSchemas() {
        String shared = System.getProperty("shangdang.shared", "");
        schemas = Path.of(shared, "corpus", "schemas");
        Assumptions.assumeTrue(!shared.isEmpty() && Files.isRegularFile(schemas.resolve("OAI-PMH.xsd")),
                "../shared/corpus absent: skipping schema validation of the OAI-PMH and SRU responses");
    }

    @Test
    void everyOaiPmhResponseValidatesWithItsOaiDcAndMarc21SlimMetadata() throws Exception {
        Validator validator = validator();
        String cz1 = "oai:shangdang.changzhi:" + FixtureScenario.CHANGZHI_CITY + ":oai:lib.changzhi.cn:cz-000001";
        String deleted = "oai:shangdang.changzhi:" + FixtureScenario.CHANGZHI_CITY + ":" + FixtureScenario.DELETED_RECORD_ID;
        List<String> queries = new ArrayList<>(List.of("verb=Identify", "verb=ListSets", "verb=ListMetadataFormats",
                "verb=ListMetadataFormats&identifier=" + enc(cz1),
                "verb=GetRecord&metadataPrefix=marcxml&identifier=" + enc(cz1),
                "verb=GetRecord&metadataPrefix=oai_dc&identifier=" + enc(cz1),
                "verb=GetRecord&metadataPrefix=marcxml&identifier=" + enc(deleted),
                "verb=ListRecords&metadataPrefix=oai_dc&set=county:zhangzixian",
                "verb=ListRecords&metadataPrefix=marcxml&set=kind:book&from=2000-01-01",
                "verb=Nonsense", "verb=ListRecords", "verb=ListRecords&resumptionToken=x",
                "verb=ListRecords&metadataPrefix=mods", "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:x:y",
                "verb=ListRecords&metadataPrefix=oai_dc&from=2099-01-01"));
        for (String[] list : new String[][] {{"ListRecords", "oai_dc"}, {"ListRecords", "marcxml"},
                {"ListIdentifiers", "marcxml"}}) {
            queries.addAll(pages(list[0], list[1]));
        }

        for (String query : queries) {
            String body = get("/oai?" + query);
            assertThatCode(() -> validator.validate(new StreamSource(new StringReader(body)))).as(query)
                    .doesNotThrowAnyException();
        }
        assertThat(queries).hasSizeGreaterThan(3 * (int) (index.count() / PAGE_SIZE));
    }

    @Test
    void sru12ResponsesValidateAgainstSrwTypes() throws Exception {
        Validator validator = validator();
        for (String query : List.of("operation=explain&version=1.2",
                "operation=searchRetrieve&version=1.2&maximumRecords=5&query=" + enc("上党梆子"),
                "operation=searchRetrieve&version=1.2&recordSchema=dc&query=" + enc("dc.creator=栗建国"),
                "operation=searchRetrieve&version=1.2&recordPacking=string&query=" + enc("dc.title adj \"上党梆子\""),
                "operation=searchRetrieve&version=1.2&query=" + enc("dc.nonsense=1"),
                "operation=searchRetrieve&version=1.2&query=" + enc("(a"))) {
            String body = get("/sru?" + query);
            if (query.contains("explain")) {
                // ZeeRex has no schema among ours: the envelope is checked, the record is lax.
                assertThat(body).contains("<zr:explain");
            }
            assertThatCode(() -> validator.validate(new StreamSource(new StringReader(body)))).as(query)
                    .doesNotThrowAnyException();
        }
    }

    private List<String> pages(String verb, String prefix) throws Exception {
        List<String> queries = new ArrayList<>();
        String query = "verb=" + verb + "&metadataPrefix=" + prefix;
        while (query != null) {
            queries.add(query);
            Matcher token = TOKEN.matcher(get("/oai?" + query));
            query = token.find() ? "verb=" + verb + "&resumptionToken=" + enc(token.group(1)) : null;
        }
        return queries;
    }

    private Validator validator() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        DOMImplementationLS ls = (DOMImplementationLS) DOMImplementationRegistry.newInstance().getDOMImplementation("LS");
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            String file = systemId == null ? null : SCHEMA_FILES.get(systemId);
            if (file == null) {
                return null;
            }
            LSInput input = ls.createLSInput();
            input.setSystemId(schemas.resolve(file).toUri().toString());
            return input;
        });
        Schema schema = factory.newSchema(new Source[] {
                new StreamSource(schemas.resolve("OAI-PMH.xsd").toFile()),
                new StreamSource(schemas.resolve("MARC21slim.xsd").toFile()),
                new StreamSource(schemas.resolve("oai_dc.xsd").toFile()),
                new StreamSource(schemas.resolve("srw-types.xsd").toFile())});
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        return validator;
    }
}
