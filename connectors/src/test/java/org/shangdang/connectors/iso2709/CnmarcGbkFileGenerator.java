package org.shangdang.connectors.iso2709;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.shangdang.connectors.sru.SruPage;
import org.shangdang.connectors.sru.SruResponseParser;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;

/**
 * Makes {@code fixtures/.../iso2709/cnmarc-gbk-bnu-10-records.iso}: the 10 real CNMARC records of
 * {@code ../shared/corpus/marc/cnmarc/dp2_sru_bnu_cnmarcxml.xml} written as ISO 2709 in GBK, the way Chinese ILS
 * export them: lengths and directory offsets in GBK bytes, leader/09 blank, 100$a/26-29 set to {@code 0120}
 * (which claims GB2312, as PROVENANCE.md suggests), everything else as catalogued.
 *
 * <p>Run {@code main} with the corpus file and the output file to regenerate; {@code Iso2709GbkFixtureTest}
 * checks the committed file is byte for byte what this makes.
 */
public final class CnmarcGbkFileGenerator {

    static final String CORPUS_FILE = "marc/cnmarc/dp2_sru_bnu_cnmarcxml.xml";
    static final String FIXTURE = "fixtures/iso2709/cnmarc-gbk-bnu-10-records.iso";
    private static final Charset GBK = Charset.forName("GBK");
    private static final XMLInputFactory INPUT = SafeXml.inputFactory();

    private CnmarcGbkFileGenerator() {
    }

    public static void main(String[] args) throws Exception {
        byte[] made = generate(Path.of(args[0]));
        Files.write(Path.of(args[1]), made);
        System.out.println("Wrote " + made.length + " bytes to " + args[1]);
    }

    /** The ISO 2709 GBK bytes of every record in the SRU response file. */
    static byte[] generate(Path sruResponse) throws IOException, XMLStreamException {
        SruPage page;
        try (InputStream in = Files.newInputStream(sruResponse)) {
            page = new SruResponseParser("bnu", RecordFormat.MARCXML).parse(in, URI.create("file:" + CORPUS_FILE), Instant.EPOCH);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RawRecord raw : page.records()) {
            out.write(iso2709(raw.payload()));
        }
        return out.toByteArray();
    }

    private static byte[] iso2709(byte[] marcXml) throws XMLStreamException, CharacterCodingException {
        XMLStreamReader reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(marcXml));
        String leader = null;
        List<String> tags = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        CharsetEncoder gbk = GBK.newEncoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        while (reader.hasNext()) {
            if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (reader.getLocalName()) {
                case "leader" -> leader = reader.getElementText();
                case "controlfield" -> {
                    tags.add(reader.getAttributeValue(null, "tag"));
                    data.add(concat(encode(gbk, reader.getElementText()), new byte[] {0x1E}));
                }
                case "datafield" -> {
                    String tag = reader.getAttributeValue(null, "tag");
                    ByteArrayOutputStream field = new ByteArrayOutputStream();
                    field.writeBytes((reader.getAttributeValue(null, "ind1") + reader.getAttributeValue(null, "ind2"))
                            .getBytes(StandardCharsets.US_ASCII));
                    while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        String code = reader.getAttributeValue(null, "code");
                        String value = reader.getElementText();
                        if (tag.equals("100") && code.equals("a") && value.length() >= 30) {
                            value = value.substring(0, 26) + "0120" + value.substring(30);
                        }
                        field.write(0x1F);
                        field.writeBytes(encode(gbk, code + value));
                    }
                    field.write(0x1E);
                    tags.add(tag);
                    data.add(field.toByteArray());
                }
                default -> {
                    // collection or record wrapper
                }
            }
        }
        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (int i = 0; i < tags.size(); i++) {
            directory.writeBytes(String.format("%3s%04d%05d", tags.get(i), data.get(i).length, fields.size()).getBytes(StandardCharsets.US_ASCII));
            fields.writeBytes(data.get(i));
        }
        directory.write(0x1E);
        int base = 24 + directory.size();
        int length = base + fields.size() + 1;
        // Blanks where the export wrote '-', leader/09 blank, lengths in GBK bytes.
        String normalised = leader.replace('-', ' ');
        String newLeader = String.format("%05d", length) + normalised.substring(5, 9) + " " + normalised.substring(10, 12)
                + String.format("%05d", base) + normalised.substring(17, 24);
        ByteArrayOutputStream record = new ByteArrayOutputStream(length);
        record.writeBytes(newLeader.getBytes(StandardCharsets.US_ASCII));
        record.writeBytes(directory.toByteArray());
        record.writeBytes(fields.toByteArray());
        record.write(0x1D);
        return record.toByteArray();
    }

    private static byte[] encode(CharsetEncoder encoder, String text) throws CharacterCodingException {
        ByteBuffer buffer = encoder.reset().encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
