package org.shangdang.api.oai;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Classification;
import org.shangdang.record.Creator;
import org.shangdang.record.MediaLink;
import org.shangdang.record.ResourceKind;

/**
 * A simple Dublin Core record: the fifteen elements, each as often as needed, in order. Read from a stored
 * oai_dc payload or made from a canonical record; written as OAI-PMH {@code oai_dc:dc} or SRU
 * {@code srw_dc:dc}. Immutable.
 *
 * @param elements (element local name, value) pairs
 */
public record DublinCoreRecord(List<Element> elements) {

    /** The Dublin Core elements namespace. */
    public static final String DC = "http://purl.org/dc/elements/1.1/";
    /** OAI-PMH's container namespace and schema. */
    public static final String OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    public static final String OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
    /** SRU's Dublin Core schema ({@code info:srw/schema/1/dc-v1.1}) container namespace. */
    public static final String SRW_DC = "info:srw/schema/1/dc-schema";

    private static final Set<String> ELEMENTS = Set.of("title", "creator", "subject", "description", "publisher",
            "contributor", "date", "type", "format", "identifier", "source", "language", "relation", "coverage", "rights");

    /** DCMI Type vocabulary terms for our kinds. */
    private static final Map<ResourceKind, String> DCMI_TYPES = Map.ofEntries(
            Map.entry(ResourceKind.BOOK, "Text"), Map.entry(ResourceKind.RARE_BOOK, "Text"),
            Map.entry(ResourceKind.SERIAL, "Text"), Map.entry(ResourceKind.ARTICLE, "Text"),
            Map.entry(ResourceKind.EBOOK, "Text"), Map.entry(ResourceKind.MANUSCRIPT, "Text"),
            Map.entry(ResourceKind.MAP, "StillImage"), Map.entry(ResourceKind.IMAGE, "StillImage"),
            Map.entry(ResourceKind.SCORE, "Text"), Map.entry(ResourceKind.AUDIO, "Sound"),
            Map.entry(ResourceKind.VIDEO, "MovingImage"), Map.entry(ResourceKind.LECTURE, "Event"),
            Map.entry(ResourceKind.ACTIVITY, "Event"));

    private static final XMLInputFactory INPUT = SafeXml.inputFactory();

    public DublinCoreRecord {
        elements = List.copyOf(elements);
    }

    public record Element(String name, String value) {
        public Element {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The values of one element, in order. */
    public List<String> values(String name) {
        return elements.stream().filter(e -> e.name().equals(name)).map(Element::value).toList();
    }

    /**
     * The Dublin Core elements of a stored oai_dc payload, as served: elements of other namespaces (qualified
     * DC, local extensions) are left out, since the oai_dc schema allows only the fifteen.
     *
     * @throws IllegalArgumentException when the payload is not well-formed
     */
    public static DublinCoreRecord parse(byte[] payload, String recordId) {
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(payload));
            List<Element> elements = new ArrayList<>();
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && DC.equals(reader.getNamespaceURI())
                        && ELEMENTS.contains(reader.getLocalName())) {
                    String name = reader.getLocalName();
                    String value = reader.getElementText().strip();
                    if (!value.isEmpty()) {
                        elements.add(new Element(name, value));
                    }
                }
            }
            return new DublinCoreRecord(elements);
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(recordId + ": stored oai_dc is not well-formed: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // Nothing to release for a byte array.
                }
            }
        }
    }

    /** Dublin Core made from a canonical record (for records harvested as MARC). */
    public static DublinCoreRecord of(CanonicalRecord record) {
        List<Element> out = new ArrayList<>();
        add(out, "title", record.title());
        record.parallelTitles().forEach(t -> add(out, "title", t));
        record.otherTitles().forEach(t -> add(out, "title", t));
        record.creators().stream().map(Creator::name).forEach(c -> add(out, "creator", c));
        record.subjects().forEach(s -> add(out, "subject", s));
        record.classifications().stream()
                .filter(c -> c.scheme().equals(Classification.CLC))
                .forEach(c -> add(out, "subject", "中图法 " + c.code()));
        record.genre().ifPresent(g -> add(out, "subject", g));
        record.description().ifPresent(d -> add(out, "description", d));
        record.notes().forEach(n -> add(out, "description", n));
        record.publisher().ifPresent(p -> add(out, "publisher", p));
        record.year().ifPresent(y -> add(out, "date", String.valueOf(y)));
        add(out, "type", DCMI_TYPES.getOrDefault(record.kind(), "Text"));
        add(out, "type", record.kind().facetValue());
        record.isbns().forEach(i -> add(out, "identifier", "ISBN " + i));
        record.media().stream().map(MediaLink::url).forEach(u -> add(out, "identifier", u));
        record.languages().forEach(l -> add(out, "language", l));
        add(out, "source", record.library());
        record.place().ifPresent(p -> add(out, "coverage", p));
        record.rights().ifPresent(r -> add(out, "rights", r));
        return new DublinCoreRecord(out);
    }

    /** Writes {@code oai_dc:dc} with its schema location. */
    public void writeOaiDc(XMLStreamWriter out) throws XMLStreamException {
        out.writeStartElement("oai_dc", "dc", OAI_DC);
        out.writeNamespace("oai_dc", OAI_DC);
        out.writeNamespace("dc", DC);
        out.writeNamespace("xsi", Xml.XSI);
        out.writeAttribute("xsi", Xml.XSI, "schemaLocation", OAI_DC + " " + OAI_DC_SCHEMA);
        writeElements(out);
        out.writeEndElement();
    }

    /** Writes {@code srw_dc:dc}, SRU's Dublin Core record. */
    public void writeSrwDc(XMLStreamWriter out) throws XMLStreamException {
        out.writeStartElement("srw_dc", "dc", SRW_DC);
        out.writeNamespace("srw_dc", SRW_DC);
        out.writeNamespace("dc", DC);
        writeElements(out);
        out.writeEndElement();
    }

    private void writeElements(XMLStreamWriter out) throws XMLStreamException {
        for (Element element : elements) {
            out.writeStartElement("dc", element.name(), DC);
            out.writeCharacters(Xml.clean(element.value()));
            out.writeEndElement();
        }
    }

    private static void add(List<Element> out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new Element(name, value.strip()));
        }
    }
}
