package org.shangdang.connectors.iso2709;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.marc4j.converter.impl.AnselToUnicode;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/**
 * Reads an ISO 2709 file (MARC 21, UNIMARC, CNMARC: {@code .mrc}, {@code .iso}, {@code .dat}) record by record,
 * converting each to a MARCXML {@link RawRecord} in UTF-8 or rejecting it with its byte offset and reason.
 *
 * <p><b>Framing.</b> A record is the bytes up to and including the next record terminator (0x1D); CR, LF, blank
 * and NUL bytes between records are skipped. A record whose leader, record length, base address or directory is
 * wrong, or whose fields do not end with a field terminator (0x1E) where the directory says, is rejected; reading
 * resynchronises at the byte after its terminator, so one damaged record never costs the next. Bytes after the
 * last terminator are rejected as a truncated record.
 *
 * <p><b>Encodings.</b> Leader/09 and CNMARC 100$a/26-29 are not trusted (exports get them wrong in both
 * directions). Each record's text is instead decoded with strict decoders, first success wins:
 * <ol>
 *   <li>UTF-8 (which takes plain ASCII);</li>
 *   <li>if any field holds an escape (0x1B, which GBK never contains): MARC-8 only;</li>
 *   <li>GB18030 (a superset of GBK), if nearly all its double-byte characters lie in the GB2312 rows (both
 *       bytes 0xA1-0xFE), as Chinese text does and MARC-8 diacritics before ASCII letters do not;</li>
 *   <li>MARC-8 through marc4j's {@link AnselToUnicode} (EACC CJK included), failing on any error it reports;</li>
 *   <li>GB18030 without the GB2312 condition.</li>
 * </ol>
 * A record no decoder reads is rejected with the reason each gave. Text is put in Unicode NFC. Characters XML
 * 1.0 cannot carry (C0 controls other than tab, LF, CR) become U+FFFD so the MARCXML stays well-formed.
 *
 * <p><b>Records.</b> The payload is one {@code <record xmlns="http://www.loc.gov/MARC21/slim">} with the leader as
 * read (its length and encoding positions then describe the ISO 2709 original), control fields 001-009 and data
 * fields with their indicators and subfields. The record id is 001 (a record without one is rejected: it could not
 * be updated or deleted later); the datestamp is 005 read as UTC when it is a valid
 * {@code yyyyMMddHHmmss[.f]}, else the file's modification time.
 *
 * <p>Not thread-safe. Streams the file byte by byte, so give it a buffered stream ({@link MarcFileReader#open} does);
 * memory use is one record.
 */
public final class Iso2709Reader implements MarcFileReader {

    private static final int LEADER = 24;
    private static final byte RECORD_TERMINATOR = 0x1D;
    private static final byte FIELD_TERMINATOR = 0x1E;
    private static final byte SUBFIELD_DELIMITER = 0x1F;
    private static final byte ESC = 0x1B;
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final double GB2312_SHARE = 0.9;
    /** Above this share of well-formed UTF-8 sequences, text that fails UTF-8 is damaged UTF-8, not GBK. */
    private static final double BROKEN_UTF8_SHARE = 0.8;
    private static final String MARCXML_NS = "http://www.loc.gov/MARC21/slim";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter MARC_005 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String sourceId;
    private final String fileName;
    private final InputStream in;
    private final Instant fileTime;
    private long position;
    private MarcFileEntry waiting;
    private boolean ended;

    /**
     * @param sourceId copied into every raw record
     * @param fileName named in every rejection
     * @param in the file's bytes; closed by {@link #close()}
     * @param fileTime the datestamp of records without a readable 005
     */
    public Iso2709Reader(String sourceId, String fileName, InputStream in, Instant fileTime) {
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.in = Objects.requireNonNull(in, "in");
        this.fileTime = Objects.requireNonNull(fileTime, "fileTime");
    }

    @Override
    public boolean hasNext() {
        if (waiting == null && !ended) {
            try {
                waiting = readNext();
            } catch (IOException e) {
                throw new UncheckedIOException("MARC file " + fileName + ": cannot read at byte " + position, e);
            }
        }
        return waiting != null;
    }

    @Override
    public MarcFileEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("MARC file " + fileName + ": no more records");
        }
        MarcFileEntry entry = waiting;
        waiting = null;
        return entry;
    }

    @Override
    public void close() {
        ended = true;
        waiting = null;
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("MARC file " + fileName + ": cannot close", e);
        }
    }

    private MarcFileEntry readNext() throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                ended = true;
                return null;
            }
            position++;
        } while (b == '\n' || b == '\r' || b == ' ' || b == 0 || b == 0x1A);
        long start = position - 1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        bytes.write(b);
        while (b != RECORD_TERMINATOR) {
            b = in.read();
            if (b < 0) {
                ended = true;
                return new MarcFileEntry.Rejected(start, where(start) + "truncated record: " + bytes.size()
                        + " bytes and no record terminator (0x1D) before the end of the file", bytes.toByteArray());
            }
            position++;
            bytes.write(b);
        }
        byte[] record = bytes.toByteArray();
        MarcFileEntry entry = parse(start, record);
        // A rejected record keeps its bytes, so that it can be read again once the reader or the crosswalk is fixed.
        return entry instanceof MarcFileEntry.Rejected rejected ? rejected.withBytes(record) : entry;
    }

    private String where(long offset) {
        return fileName + " at byte " + offset + ": ";
    }

    /** One record's bytes, terminator included. */
    private MarcFileEntry parse(long offset, byte[] record) {
        String at = where(offset);
        if (record.length < LEADER + 2) {
            return new MarcFileEntry.Rejected(offset, at + "record of " + record.length + " bytes is shorter than a leader and a directory");
        }
        String leader = new String(record, 0, LEADER, StandardCharsets.ISO_8859_1);
        Optional<Integer> length = digits(leader, 0, 5);
        Optional<Integer> base = digits(leader, 12, 17);
        if (length.isEmpty()) {
            return new MarcFileEntry.Rejected(offset, at + "leader record length is not numeric: '" + printable(leader.substring(0, 5)) + "'");
        }
        if (length.get() != record.length) {
            return new MarcFileEntry.Rejected(offset, at + "leader record length " + length.get() + " but the record terminator is at "
                    + record.length + " bytes");
        }
        if (base.isEmpty() || base.get() < LEADER + 1 || base.get() > record.length - 1) {
            return new MarcFileEntry.Rejected(offset, at + "base address of data '" + printable(leader.substring(12, 17))
                    + "' is not within the record of " + record.length + " bytes");
        }
        int dataStart = base.get();
        if (record[dataStart - 1] != FIELD_TERMINATOR || (dataStart - 1 - LEADER) % 12 != 0) {
            return new MarcFileEntry.Rejected(offset, at + "directory of " + (dataStart - 1 - LEADER)
                    + " bytes does not end at the base address " + dataStart + " with a field terminator in 12-byte entries");
        }
        List<RawField> fields = new ArrayList<>();
        for (int entry = LEADER; entry < dataStart - 1; entry += 12) {
            String text = new String(record, entry, 12, StandardCharsets.ISO_8859_1);
            String tag = text.substring(0, 3);
            Optional<Integer> fieldLength = digits(text, 3, 7);
            Optional<Integer> fieldStart = digits(text, 7, 12);
            if (!tag.chars().allMatch(Character::isLetterOrDigit) || fieldLength.isEmpty() || fieldStart.isEmpty()) {
                return new MarcFileEntry.Rejected(offset, at + "unreadable directory entry '" + printable(text) + "'");
            }
            int from = dataStart + fieldStart.get();
            int to = from + fieldLength.get();
            if (fieldLength.get() < 1 || to > record.length - 1) {
                return new MarcFileEntry.Rejected(offset, at + "field " + tag + " (length " + fieldLength.get() + ", start "
                        + fieldStart.get() + ") runs past the end of the record");
            }
            if (record[to - 1] != FIELD_TERMINATOR) {
                return new MarcFileEntry.Rejected(offset, at + "field " + tag + " (length " + fieldLength.get() + ", start "
                        + fieldStart.get() + ") does not end with a field terminator");
            }
            fields.add(new RawField(tag, java.util.Arrays.copyOfRange(record, from, to - 1)));
        }
        return decode(offset, leader, fields);
    }

    private MarcFileEntry decode(long offset, String leader, List<RawField> fields) {
        List<String> failures = new ArrayList<>();
        boolean escapes = fields.stream().anyMatch(f -> contains(f.bytes(), ESC));
        if (!escapes) {
            Optional<List<Field>> utf8 = decodeWith(fields, strict(StandardCharsets.UTF_8), "UTF-8", failures);
            if (utf8.isPresent()) {
                return accepted(offset, leader, utf8.get(), MarcEncoding.UTF_8);
            }
            if (gb2312Share(fields) >= GB2312_SHARE && utf8SequenceShare(fields) < BROKEN_UTF8_SHARE) {
                Optional<List<Field>> gb = decodeWith(fields, strict(GB18030), "GB18030", failures);
                if (gb.isPresent()) {
                    return accepted(offset, leader, gb.get(), MarcEncoding.GB18030);
                }
            }
        }
        Optional<List<Field>> marc8 = decodeMarc8(fields, failures);
        if (marc8.isPresent()) {
            return accepted(offset, leader, marc8.get(), MarcEncoding.MARC_8);
        }
        if (!escapes && utf8SequenceShare(fields) < BROKEN_UTF8_SHARE) {
            Optional<List<Field>> gb = decodeWith(fields, strict(GB18030), "GB18030", failures);
            if (gb.isPresent()) {
                return accepted(offset, leader, gb.get(), MarcEncoding.GB18030);
            }
        }
        return new MarcFileEntry.Rejected(offset, where(offset) + "record " + controlNumberHint(fields)
                + "cannot be decoded: " + String.join("; ", failures));
    }

    private static String controlNumberHint(List<RawField> fields) {
        return fields.stream().filter(f -> f.tag().equals("001")).findFirst()
                .map(f -> "001=" + printable(new String(f.bytes(), StandardCharsets.ISO_8859_1).strip()) + " ").orElse("");
    }

    private MarcFileEntry accepted(long offset, String leader, List<Field> fields, MarcEncoding encoding) {
        Optional<String> id = fields.stream().filter(f -> f.tag().equals("001")).findFirst().map(f -> f.data().strip())
                .filter(s -> !s.isEmpty());
        if (id.isEmpty()) {
            return new MarcFileEntry.Rejected(offset, where(offset) + "no control number (001): the record could not be"
                    + " updated or deleted later" + fields.stream().filter(f -> f.tag().equals("245") || f.tag().equals("200"))
                    .findFirst().map(f -> " (title field " + f.tag() + ": " + abbreviate(f.subfields().isEmpty() ? "" : f.subfields().get(0).data()) + ")").orElse(""));
        }
        Instant datestamp = fields.stream().filter(f -> f.tag().equals("005")).findFirst()
                .flatMap(f -> parse005(f.data())).orElse(fileTime);
        byte[] xml;
        try {
            xml = marcXml(leader, fields);
        } catch (XMLStreamException e) {
            return new MarcFileEntry.Rejected(offset, where(offset) + "record 001=" + id.get() + " cannot be written as MARCXML: " + e.getMessage());
        }
        return new MarcFileEntry.Accepted(offset, new RawRecord(sourceId, id.get(), datestamp, RecordFormat.MARCXML, xml,
                RecordStatus.PRESENT), encoding);
    }

    static Optional<Instant> parse005(String value) {
        String text = value.strip();
        int dot = text.indexOf('.');
        String seconds = dot >= 0 ? text.substring(0, dot) : text;
        if (seconds.length() != 14) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(seconds, MARC_005).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static byte[] marcXml(String leader, List<Field> fields) throws XMLStreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out, "UTF-8");
        writer.writeStartElement("", "record", MARCXML_NS);
        writer.writeDefaultNamespace(MARCXML_NS);
        writer.writeStartElement(MARCXML_NS, "leader");
        writer.writeCharacters(xmlSafe(leader));
        writer.writeEndElement();
        for (Field field : fields) {
            if (field.control()) {
                writer.writeStartElement(MARCXML_NS, "controlfield");
                writer.writeAttribute("tag", field.tag());
                writer.writeCharacters(field.data());
                writer.writeEndElement();
            } else {
                writer.writeStartElement(MARCXML_NS, "datafield");
                writer.writeAttribute("tag", field.tag());
                writer.writeAttribute("ind1", field.ind1());
                writer.writeAttribute("ind2", field.ind2());
                for (Subfield subfield : field.subfields()) {
                    writer.writeStartElement(MARCXML_NS, "subfield");
                    writer.writeAttribute("code", subfield.code());
                    writer.writeCharacters(subfield.data());
                    writer.writeEndElement();
                }
                writer.writeEndElement();
            }
        }
        writer.writeEndElement();
        writer.flush();
        writer.close();
        return out.toByteArray();
    }

    /** Decodes every text segment of every field with one charset, or notes why it cannot. */
    private static Optional<List<Field>> decodeWith(List<RawField> fields, CharsetDecoder decoder, String name, List<String> failures) {
        List<Field> decoded = new ArrayList<>(fields.size());
        for (RawField field : fields) {
            try {
                decoded.add(field.split((bytes) -> {
                    try {
                        return decoder.reset().decode(ByteBuffer.wrap(bytes)).toString();
                    } catch (CharacterCodingException e) {
                        throw new Undecodable(name + " invalid in field " + field.tag() + ": " + hex(bytes, e));
                    }
                }));
            } catch (Undecodable e) {
                failures.add(e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(decoded);
    }

    private static Optional<List<Field>> decodeMarc8(List<RawField> fields, List<String> failures) {
        List<Field> decoded = new ArrayList<>(fields.size());
        for (RawField field : fields) {
            try {
                decoded.add(field.split(bytes -> {
                    List<String> errors = new ArrayList<>();
                    AnselToUnicode converter = new AnselToUnicode((severity, message) -> errors.add(message));
                    String text = converter.convert(new String(bytes, StandardCharsets.ISO_8859_1).toCharArray());
                    if (!errors.isEmpty()) {
                        throw new Undecodable("MARC-8 invalid in field " + field.tag() + ": " + errors.get(0));
                    }
                    return text;
                }));
            } catch (Undecodable e) {
                failures.add(e.getMessage());
                return Optional.empty();
            } catch (RuntimeException e) {
                failures.add("MARC-8 invalid in field " + field.tag() + ": " + e);
                return Optional.empty();
            }
        }
        return Optional.of(decoded);
    }

    /** The share of byte pairs starting with a byte >= 0x81 whose both bytes are in 0xA1-0xFE (GB2312 rows). */
    private static double gb2312Share(List<RawField> fields) {
        int pairs = 0;
        int gb2312 = 0;
        for (RawField field : fields) {
            byte[] bytes = field.bytes();
            for (int i = 0; i < bytes.length; i++) {
                int lead = bytes[i] & 0xFF;
                if (lead >= 0x81 && i + 1 < bytes.length) {
                    int trail = bytes[i + 1] & 0xFF;
                    pairs++;
                    if (lead >= 0xA1 && lead <= 0xFE && trail >= 0xA1 && trail <= 0xFE) {
                        gb2312++;
                    }
                    i++;
                }
            }
        }
        return pairs == 0 ? 0 : (double) gb2312 / pairs;
    }

    /** The share of bytes >= 0x80 that belong to well-formed UTF-8 multi-byte sequences. */
    private static double utf8SequenceShare(List<RawField> fields) {
        int high = 0;
        int inSequences = 0;
        for (RawField field : fields) {
            byte[] bytes = field.bytes();
            int i = 0;
            while (i < bytes.length) {
                int lead = bytes[i] & 0xFF;
                if (lead < 0x80) {
                    i++;
                    continue;
                }
                int length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 1;
                boolean ok = length > 1 && i + length <= bytes.length;
                for (int k = 1; ok && k < length; k++) {
                    ok = (bytes[i + k] & 0xC0) == 0x80;
                }
                if (ok) {
                    high += length;
                    inSequences += length;
                    i += length;
                } else {
                    high++;
                    i++;
                }
            }
        }
        return high == 0 ? 0 : (double) inSequences / high;
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    private static String hex(byte[] bytes, CharacterCodingException e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName()).append(" near bytes");
        int shown = 0;
        for (int i = 0; i < bytes.length && shown < 8; i++) {
            if ((bytes[i] & 0x80) != 0) {
                sb.append(String.format(" %02X", bytes[i] & 0xFF));
                shown++;
            }
        }
        return sb.toString();
    }

    private static Optional<Integer> digits(String text, int from, int to) {
        String part = text.substring(from, to);
        return part.chars().allMatch(c -> c >= '0' && c <= '9') ? Optional.of(Integer.parseInt(part)) : Optional.empty();
    }

    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** NFC, and U+FFFD for what XML 1.0 cannot carry. */
    static String xmlSafe(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder sb = null;
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                    || (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < nfc.length()
                    && Character.isLowSurrogate(nfc.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(nfc.charAt(i - 1))));
            if (bad && sb == null) {
                sb = new StringBuilder(nfc.substring(0, i));
            }
            if (sb != null) {
                sb.append(bad ? '\uFFFD' : c);
            }
        }
        return sb == null ? nfc : sb.toString();
    }

    /** A decoder failure, carried out of the splitting lambda. */
    private static final class Undecodable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Undecodable(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface TextDecoder {
        String decode(byte[] bytes);
    }

    /** A field as the directory delimits it, terminator removed, not yet decoded. */
    private record RawField(String tag, byte[] bytes) {

        boolean control() {
            return tag.compareTo("010") < 0 && tag.chars().allMatch(Character::isDigit);
        }

        Field split(TextDecoder decoder) {
            if (control()) {
                return new Field(tag, true, "", "", xmlSafe(decoder.decode(bytes)), List.of());
            }
            int firstDelimiter = indexOf(bytes, SUBFIELD_DELIMITER, 0);
            int indicatorsEnd = firstDelimiter < 0 ? bytes.length : Math.min(firstDelimiter, 2);
            String indicators = xmlSafe(decoder.decode(java.util.Arrays.copyOfRange(bytes, 0, indicatorsEnd)));
            String ind1 = indicators.length() > 0 ? indicators.substring(0, 1) : " ";
            String ind2 = indicators.length() > 1 ? indicators.substring(1, 2) : " ";
            List<Subfield> subfields = new ArrayList<>();
            int at = firstDelimiter;
            while (at >= 0) {
                int end = indexOf(bytes, SUBFIELD_DELIMITER, at + 1);
                int stop = end < 0 ? bytes.length : end;
                if (stop > at + 1) {
                    byte[] codeAndData = java.util.Arrays.copyOfRange(bytes, at + 1, stop);
                    String text = decoder.decode(codeAndData);
                    if (!text.isEmpty()) {
                        int codeLength = Character.charCount(text.codePointAt(0));
                        subfields.add(new Subfield(xmlSafe(text.substring(0, codeLength)), xmlSafe(text.substring(codeLength))));
                    }
                }
                at = end;
            }
            return new Field(tag, false, ind1, ind2, "", subfields);
        }

        private static int indexOf(byte[] bytes, byte b, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == b) {
                    return i;
                }
            }
            return -1;
        }
    }

    private record Field(String tag, boolean control, String ind1, String ind2, String data, List<Subfield> subfields) {
    }

    private record Subfield(String code, String data) {
    }
}
