package org.shangdang.connectors.iso2709;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds ISO 2709 records byte by byte for tests: fields are given as raw bytes, so any encoding can be made. */
final class Iso2709Bytes {

    private final String leaderTemplate;
    private final List<String> tags = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();

    private Iso2709Bytes(String leaderTemplate) {
        this.leaderTemplate = leaderTemplate;
    }

    /** A record whose leader is the template with length and base address filled in, e.g. {@code nam a22 ... 4500}. */
    static Iso2709Bytes record(String leaderTemplate) {
        return new Iso2709Bytes(leaderTemplate);
    }

    Iso2709Bytes control(String tag, String value) {
        tags.add(tag);
        data.add(concat(value.getBytes(StandardCharsets.US_ASCII), new byte[] {0x1E}));
        return this;
    }

    /** A data field; {@code subfields} alternate code and value, each value encoded with {@code charset}. */
    Iso2709Bytes field(String tag, Charset charset, String... subfields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("  ".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < subfields.length; i += 2) {
            out.write(0x1F);
            out.writeBytes(subfields[i].getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(subfields[i + 1].getBytes(charset));
        }
        out.write(0x1E);
        tags.add(tag);
        data.add(out.toByteArray());
        return this;
    }

    /** A data field whose single $a is the given bytes. */
    Iso2709Bytes rawField(String tag, byte[] valueA) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("  ".getBytes(StandardCharsets.US_ASCII));
        out.write(0x1F);
        out.write('a');
        out.writeBytes(valueA);
        out.write(0x1E);
        tags.add(tag);
        data.add(out.toByteArray());
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (int i = 0; i < tags.size(); i++) {
            directory.writeBytes(String.format("%3s%04d%05d", tags.get(i), data.get(i).length, fields.size()).getBytes(StandardCharsets.US_ASCII));
            fields.writeBytes(data.get(i));
        }
        directory.write(0x1E);
        int base = 24 + directory.size();
        int length = base + fields.size() + 1;
        String leader = String.format("%05d", length) + leaderTemplate.substring(5, 12) + String.format("%05d", base)
                + leaderTemplate.substring(17, 24);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(leader.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(directory.toByteArray());
        out.writeBytes(fields.toByteArray());
        out.write(0x1D);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
