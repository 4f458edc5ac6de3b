package org.shangdang.connectors.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {

    /** All text of a document read with the hardened factory. */
    private static String readText(String xml) throws XMLStreamException {
        XMLStreamReader reader = SafeXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(UTF_8)));
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.ENTITY_REFERENCE) {
                text.append(reader.getText());
            }
        }
        return text.toString();
    }

    @Test
    void externalGeneralEntityIsNotExpanded(@TempDir Path dir) throws Exception {
        // given a local file holding a secret and a document whose entity points at it
        Path secret = Files.writeString(dir.resolve("secret.txt"), "长治-SECRET-42");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><r>a&xxe;b</r>";

        // when / then the reference fails instead of pulling the file in
        assertThatThrownBy(() -> readText(xml))
                .isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("xxe")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
    }

    @Test
    void externalDtdAndParameterEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
        // given a DTD that would declare an entity, named as external subset and as a parameter entity
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY leak \"LEAKED\">");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"" + dtd.toUri() + "\" [<!ENTITY % p SYSTEM \""
                + dtd.toUri() + "\"> %p;]><r>上党</r>";

        // when
        String text = readText(xml);

        // then the document reads, and nothing of the DTD came in
        assertThat(text).isEqualTo("上党");
    }

    @Test
    void factoryIsHardenedAndCoalescing() {
        // given / when
        XMLInputFactory factory = SafeXml.inputFactory();

        // then
        assertThat(factory.getProperty(XMLInputFactory.SUPPORT_DTD)).isEqualTo(Boolean.FALSE);
        assertThat(factory.getProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES)).isEqualTo(Boolean.FALSE);
        assertThat(factory.getProperty(XMLInputFactory.IS_COALESCING)).isEqualTo(Boolean.TRUE);
        assertThat(factory.getProperty(XMLInputFactory.IS_NAMESPACE_AWARE)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void cdataAndTextComeAsOneEvent() throws Exception {
        // given / when
        XMLStreamReader reader = SafeXml.inputFactory().createXMLStreamReader(
                new ByteArrayInputStream("<r>长治<![CDATA[<市>]]>图书馆</r>".getBytes(UTF_8)));
        reader.nextTag();
        reader.next();

        // then
        assertThat(reader.getText()).isEqualTo("长治<市>图书馆");
    }
}
