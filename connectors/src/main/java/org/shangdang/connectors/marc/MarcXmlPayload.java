package org.shangdang.connectors.marc;

import java.io.ByteArrayInputStream;
import java.text.Normalizer;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordRejectedException;

/**
 * Reads a MARCXML payload into a marc4j {@link Record} through the hardened StAX factory of {@link SafeXml}.
 *
 * <p>marc4j's own {@code MarcXmlReader} parses with a default {@code SAXParserFactory} (DTDs and external
 * entities on) on a thread of its own, so it is not used; this reader builds the same marc4j model with
 * {@link MarcFactory}. A payload with a DOCTYPE is rejected outright.
 *
 * <p>The first MARC {@code <record>} wins, in any namespace or none, at any depth: a bare record, a
 * {@code <collection>}, a Koha record carrying OAI {@code <identifier>} elements, or an SRU
 * {@code <recordData>} wrapper. Unknown elements inside it are skipped. Damaged fields are dropped, not fatal:
 * a control or data field without a {@code tag}, a subfield without a {@code code}. The whole payload must be
 * well-formed. Field data is put in Unicode normalization form C. Thread-safe.
 */
final class MarcXmlPayload {

    private static final XMLInputFactory INPUT = SafeXml.inputFactory();
    /** MarcFactory.newInstance() looks its implementation up on the class path each call: look once. Stateless. */
    private static final MarcFactory FACTORY = MarcFactory.newInstance();
    private static final int LEADER_LENGTH = 24;
    private static final int TRIMMED_LEADER_MIN = 20;

    private MarcXmlPayload() {
    }

    static Record read(RawRecord raw) throws RecordRejectedException {
        byte[] bytes = raw.payload();
        String id = raw.canonicalId();
        if (bytes.length == 0) {
            throw new RecordRejectedException(id + ": empty payload, no MARCXML <record>");
        }
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(bytes));
            Optional<Record> record = Optional.empty();
            Record current = null;
            String leader = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new RecordRejectedException(id + ": DOCTYPE not allowed in a MARCXML payload: "
                            + oneLine(reader.getText(), 120));
                }
                if (record.isPresent()) {
                    continue;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (name.equals("record")) {
                        current = FACTORY.newRecord();
                        leader = null;
                    } else if (current != null) {
                        switch (name) {
                            case "leader" -> leader = reader.getElementText();
                            case "controlfield" -> controlField(reader, current);
                            case "datafield" -> dataField(reader, current);
                            default -> {
                                // Not MARC (Koha's <identifier>, a stray <subfields>): its content is skipped.
                            }
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("record")
                        && current != null) {
                    if (leader != null || !current.getVariableFields().isEmpty()) {
                        current.setLeader(leader(id, leader));
                        record = Optional.of(current);
                    }
                    // An empty wrapper named record (SRU's <record>) closing: keep looking.
                    current = null;
                }
            }
            return record.orElseThrow(() -> new RecordRejectedException(id + ": no MARCXML <record> with a leader or fields in the payload"));
        } catch (XMLStreamException e) {
            throw new RecordRejectedException(id + ": not well-formed XML: " + oneLine(e.getMessage(), 300), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing to release beyond the in-memory stream.
                }
            }
        }
    }

    private static org.marc4j.marc.Leader leader(String id, String text) throws RecordRejectedException {
        if (text == null) {
            throw new RecordRejectedException(id + ": unreadable leader: no <leader> element");
        }
        String leader = text;
        // Some exports trim the leader's trailing blanks (CNMARC's "450 " loses its last position).
        if (leader.length() >= TRIMMED_LEADER_MIN && leader.length() < LEADER_LENGTH) {
            leader = leader + " ".repeat(LEADER_LENGTH - leader.length());
        }
        if (leader.length() != LEADER_LENGTH || !Character.isLetter(leader.charAt(6))) {
            throw new RecordRejectedException(id + ": unreadable leader '" + oneLine(leader, 60)
                    + "': expected 24 characters with the type of record at position 6");
        }
        try {
            return FACTORY.newLeader(leader);
        } catch (RuntimeException e) {
            throw new RecordRejectedException(id + ": unreadable leader '" + leader + "': " + e.getMessage(), e);
        }
    }

    private static void controlField(XMLStreamReader reader, Record record) throws XMLStreamException {
        String tag = reader.getAttributeValue(null, "tag");
        String data = reader.getElementText();
        if (tag != null && !tag.isBlank()) {
            ControlField field = FACTORY.newControlField(tag.strip(), nfc(data));
            record.addVariableField(field);
        }
    }

    private static void dataField(XMLStreamReader reader, Record record) throws XMLStreamException {
        String tag = reader.getAttributeValue(null, "tag");
        DataField field = FACTORY.newDataField(tag == null ? "" : tag.strip(),
                indicator(reader.getAttributeValue(null, "ind1")), indicator(reader.getAttributeValue(null, "ind2")));
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (depth == 1 && reader.getLocalName().equals("subfield")) {
                    String code = reader.getAttributeValue(null, "code");
                    String data = reader.getElementText();
                    if (code != null && !code.isEmpty()) {
                        Subfield subfield = FACTORY.newSubfield(code.charAt(0), nfc(data));
                        field.addSubfield(subfield);
                    }
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        // A field without a tag cannot be interpreted, so its subfields are dropped with it.
        if (tag != null && !tag.isBlank()) {
            record.addVariableField(field);
        }
    }

    /** MARC 21 records often carry decomposed diacritics (e + U+0304); composed form matches what users type. */
    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static char indicator(String value) {
        return value == null || value.isEmpty() ? ' ' : value.charAt(0);
    }

    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
