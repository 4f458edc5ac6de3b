package org.shangdang.connectors.sru;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Copies the element a reader is positioned on out as standalone UTF-8 XML (no declaration), noting on the way
 * the values a record id and datestamp are taken from: MARC control fields 001 and 005 and the first
 * {@code dc:identifier}.
 *
 * <p>Shared by the SRU parser and {@code iso2709.MarcXmlFileReader}; not part of the connectors API.
 *
 * <p>The writer repairs namespaces, so every prefix the copy uses is declared on it even when only an ancestor
 * outside it declared it (an SRU envelope that binds {@code dc:} on its root). Processing instructions are left out.
 */
public final class XmlSubtree {

    static final String DC_NS = "http://purl.org/dc/elements/1.1/";

    private static final XMLOutputFactory OUTPUT = repairing();

    /**
     * @param xml the element as UTF-8 bytes
     * @param controlNumber the text of {@code <controlfield tag="001">}, stripped, if any
     * @param latestTransaction the text of {@code <controlfield tag="005">}, stripped, if any
     * @param dcIdentifier the first non-blank {@code dc:identifier}, stripped, if any
     */
    public record Copy(byte[] xml, Optional<String> controlNumber, Optional<String> latestTransaction, Optional<String> dcIdentifier) {
    }

    private XmlSubtree() {
    }

    private static XMLOutputFactory repairing() {
        XMLOutputFactory factory = XMLOutputFactory.newFactory();
        factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, Boolean.TRUE);
        return factory;
    }

    /** Copies the current START_ELEMENT and everything in it; the reader is left on its END_ELEMENT. */
    public static Copy copy(XMLStreamReader reader) throws XMLStreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out, "UTF-8");
        String controlNumber = null;
        String latestTransaction = null;
        String dcIdentifier = null;
        StringBuilder captured = null;
        String capturing = null;
        int depth = 0;
        do {
            switch (reader.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String namespace = nullToEmpty(reader.getNamespaceURI());
                    writer.writeStartElement(nullToEmpty(reader.getPrefix()), reader.getLocalName(), namespace);
                    for (int i = 0; i < reader.getNamespaceCount(); i++) {
                        String prefix = nullToEmpty(reader.getNamespacePrefix(i));
                        String uri = nullToEmpty(reader.getNamespaceURI(i));
                        if (prefix.isEmpty()) {
                            if (!uri.equals(namespace)) {
                                writer.writeDefaultNamespace(uri);
                            }
                        } else {
                            writer.writeNamespace(prefix, uri);
                        }
                    }
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        String prefix = nullToEmpty(reader.getAttributePrefix(i));
                        if (prefix.isEmpty()) {
                            writer.writeAttribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        } else {
                            writer.writeAttribute(prefix, nullToEmpty(reader.getAttributeNamespace(i)),
                                    reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                    }
                    depth++;
                    String tag = reader.getAttributeValue(null, "tag");
                    if ("controlfield".equals(reader.getLocalName()) && ("001".equals(tag) || "005".equals(tag))) {
                        capturing = tag;
                        captured = new StringBuilder();
                    } else if ("identifier".equals(reader.getLocalName()) && DC_NS.equals(namespace) && dcIdentifier == null) {
                        capturing = "dc";
                        captured = new StringBuilder();
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    writer.writeEndElement();
                    depth--;
                    if (capturing != null) {
                        String value = captured.toString().strip();
                        if (!value.isEmpty()) {
                            switch (capturing) {
                                case "001" -> controlNumber = controlNumber == null ? value : controlNumber;
                                case "005" -> latestTransaction = latestTransaction == null ? value : latestTransaction;
                                default -> dcIdentifier = value;
                            }
                        }
                        capturing = null;
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
                    writer.writeCharacters(reader.getText());
                    if (capturing != null) {
                        captured.append(reader.getText());
                    }
                }
                case XMLStreamConstants.COMMENT -> writer.writeComment(reader.getText());
                default -> {
                    // Processing instructions are not part of the record.
                }
            }
            if (depth > 0) {
                reader.next();
            }
        } while (depth > 0);
        writer.flush();
        writer.close();
        return new Copy(out.toByteArray(), Optional.ofNullable(controlNumber), Optional.ofNullable(latestTransaction),
                Optional.ofNullable(dcIdentifier));
    }

    public static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
