package org.shangdang.connectors.oaipmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.shangdang.connectors.xml.SafeXml;

/** Reads the scenario files under {@code src/test/resources/oaipmh/} and payloads for assertions. */
final class OaiFixtures {

    private OaiFixtures() {
    }

    /** The bytes of {@code oaipmh/<name>}. */
    static byte[] scenario(String name) {
        try (InputStream in = OaiFixtures.class.getResourceAsStream("/oaipmh/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource oaipmh/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A payload's root element as {namespace}localName and all its text, parsed on its own. */
    record Parsed(String root, String text) {
    }

    static Parsed parseAlone(byte[] payload) {
        try {
            XMLStreamReader reader = SafeXml.inputFactory().createXMLStreamReader(new java.io.ByteArrayInputStream(payload));
            String root = null;
            StringBuilder text = new StringBuilder();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT && root == null) {
                    root = "{" + reader.getNamespaceURI() + "}" + reader.getLocalName();
                } else if (event == XMLStreamConstants.CHARACTERS) {
                    text.append(reader.getText());
                }
            }
            return new Parsed(root, text.toString());
        } catch (XMLStreamException e) {
            throw new AssertionError("payload does not parse on its own: " + e.getMessage(), e);
        }
    }

    /** The namespace URIs of all elements in a payload, in document order. */
    static List<String> elementNamespaces(byte[] payload) throws XMLStreamException {
        XMLStreamReader reader = SafeXml.inputFactory().createXMLStreamReader(new java.io.ByteArrayInputStream(payload));
        List<String> namespaces = new ArrayList<>();
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                namespaces.add(reader.getNamespaceURI());
            }
        }
        return namespaces;
    }
}
