package org.shangdang.api.oai;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.shangdang.connectors.xml.SafeXml;

/**
 * One MARC record as MARCXML holds it (leader, control fields, data fields with subfields), read from a stored
 * payload or built from a canonical record, and written in the MARC21slim namespace. Immutable.
 *
 * @param leader 24 characters
 * @param controlFields 00X fields in record order
 * @param dataFields the other fields in record order
 */
public record MarcXmlRecord(String leader, List<ControlField> controlFields, List<DataField> dataFields) {

    /** The MARCXML namespace. */
    public static final String NAMESPACE = "http://www.loc.gov/MARC21/slim";
    /** Where its schema is published. */
    public static final String SCHEMA = "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd";

    private static final XMLInputFactory INPUT = SafeXml.inputFactory();

    public MarcXmlRecord {
        Objects.requireNonNull(leader, "leader");
        controlFields = List.copyOf(controlFields);
        dataFields = List.copyOf(dataFields);
    }

    public record ControlField(String tag, String value) {}

    public record DataField(String tag, char ind1, char ind2, List<Subfield> subfields) {
        public DataField {
            subfields = List.copyOf(subfields);
        }
    }

    public record Subfield(char code, String value) {}

    /** The tagging of this record: UNIMARC/CNMARC when it has a 200 field and no 245, else MARC 21 (as the crosswalk reads it). */
    public boolean isUnimarc() {
        boolean unimarcTitle = hasField("200");
        boolean marc21Title = hasField("245");
        return unimarcTitle && !marc21Title;
    }

    private boolean hasField(String tag) {
        return dataFields.stream().anyMatch(f -> f.tag().equals(tag));
    }

    /**
     * The first MARC {@code <record>} of a stored MARCXML payload, in the MARC namespace or none, parsed with the
     * hardened StAX factory (no DTD, no external entity).
     *
     * @throws IllegalArgumentException when the payload is not well-formed or holds no record
     */
    public static MarcXmlRecord parse(byte[] payload, String recordId) {
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(payload));
            String leader = null;
            List<ControlField> controls = new ArrayList<>();
            List<DataField> data = new ArrayList<>();
            boolean inRecord = false;
            String tag = null;
            char ind1 = ' ';
            char ind2 = ' ';
            List<Subfield> subfields = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (!inRecord) {
                        inRecord = name.equals("record");
                    } else if (name.equals("leader")) {
                        leader = reader.getElementText();
                    } else if (name.equals("controlfield")) {
                        String controlTag = reader.getAttributeValue(null, "tag");
                        String value = reader.getElementText();
                        if (controlTag != null) {
                            controls.add(new ControlField(controlTag, value));
                        }
                    } else if (name.equals("datafield")) {
                        tag = reader.getAttributeValue(null, "tag");
                        ind1 = indicator(reader.getAttributeValue(null, "ind1"));
                        ind2 = indicator(reader.getAttributeValue(null, "ind2"));
                        subfields = new ArrayList<>();
                    } else if (name.equals("subfield") && subfields != null) {
                        String code = reader.getAttributeValue(null, "code");
                        String value = reader.getElementText();
                        if (code != null && code.length() == 1) {
                            subfields.add(new Subfield(code.charAt(0), value));
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && inRecord) {
                    String name = reader.getLocalName();
                    if (name.equals("datafield") && tag != null && subfields != null) {
                        data.add(new DataField(tag, ind1, ind2, subfields));
                        tag = null;
                        subfields = null;
                    } else if (name.equals("record")) {
                        break;
                    }
                }
            }
            if (!inRecord || leader == null) {
                throw new IllegalArgumentException(recordId + ": no MARCXML <record> with a leader in the stored payload");
            }
            return new MarcXmlRecord(leader, controls, data);
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(recordId + ": stored MARCXML is not well-formed: " + e.getMessage(), e);
        } finally {
            close(reader);
        }
    }

    /** Writes {@code <marc:record>} with the namespace declared on it, and its schema location when asked. */
    public void write(XMLStreamWriter out, SchemaLocation location) throws XMLStreamException {
        out.writeStartElement("marc", "record", NAMESPACE);
        out.writeNamespace("marc", NAMESPACE);
        if (location == SchemaLocation.DECLARED) {
            out.writeNamespace("xsi", Xml.XSI);
            out.writeAttribute("xsi", Xml.XSI, "schemaLocation", NAMESPACE + " " + SCHEMA);
        }
        element(out, "leader", leader);
        for (ControlField field : controlFields) {
            out.writeStartElement("marc", "controlfield", NAMESPACE);
            out.writeAttribute("tag", field.tag());
            out.writeCharacters(Xml.clean(field.value()));
            out.writeEndElement();
        }
        for (DataField field : dataFields) {
            out.writeStartElement("marc", "datafield", NAMESPACE);
            out.writeAttribute("tag", field.tag());
            out.writeAttribute("ind1", String.valueOf(field.ind1()));
            out.writeAttribute("ind2", String.valueOf(field.ind2()));
            for (Subfield subfield : field.subfields()) {
                out.writeStartElement("marc", "subfield", NAMESPACE);
                out.writeAttribute("code", String.valueOf(subfield.code()));
                out.writeCharacters(Xml.clean(subfield.value()));
                out.writeEndElement();
            }
            out.writeEndElement();
        }
        out.writeEndElement();
    }

    /** Whether a written record names its schema ({@code xsi:schemaLocation}). */
    public enum SchemaLocation { DECLARED, OMITTED }

    private static void element(XMLStreamWriter out, String name, String text) throws XMLStreamException {
        out.writeStartElement("marc", name, NAMESPACE);
        out.writeCharacters(Xml.clean(text));
        out.writeEndElement();
    }

    private static char indicator(String value) {
        return value == null || value.isEmpty() ? ' ' : value.charAt(0);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Closing a reader over a byte array releases nothing that could fail meaningfully.
            }
        }
    }
}
