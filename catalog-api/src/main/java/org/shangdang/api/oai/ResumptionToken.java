package org.shangdang.api.oai;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import org.shangdang.routes.store.ChangeFeed;

/**
 * Everything needed to continue a list, carried by the harvester rather than kept by us: the list's arguments,
 * its fixed upper bound, the key of the last item sent, the cursor and the complete size. A token therefore
 * survives restarts and needs no server memory; it is base64url, with a CRC so that a damaged token is refused
 * rather than misread. Immutable.
 *
 * @param verb ListRecords or ListIdentifiers
 * @param metadataPrefix the list's prefix
 * @param set the list's set spec, if any
 * @param from the list's lower bound, if any
 * @param before the list's exclusive upper bound from {@code until}, if any
 * @param upTo the instant fixed at the list's first request: later changes are not in this list
 * @param after the key of the last item sent
 * @param cursor how many items were sent before the next response
 * @param completeListSize the list's size as counted at its first request, when it can be counted
 * @param issuedAt when this token was issued; it expires a configured lifetime later
 */
public record ResumptionToken(
        String verb,
        String metadataPrefix,
        Optional<String> set,
        Optional<Instant> from,
        Optional<Instant> before,
        Instant upTo,
        ChangeFeed.Position after,
        long cursor,
        OptionalLong completeListSize,
        Instant issuedAt) {

    private static final byte VERSION = 1;

    public ResumptionToken {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(metadataPrefix, "metadataPrefix");
        Objects.requireNonNull(upTo, "upTo");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** The token's text. */
    public String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(verb);
            out.writeUTF(metadataPrefix);
            out.writeUTF(set.orElse(""));
            out.writeLong(from.map(ResumptionToken::micros).orElse(Long.MIN_VALUE));
            out.writeLong(before.map(ResumptionToken::micros).orElse(Long.MIN_VALUE));
            out.writeLong(micros(upTo));
            out.writeLong(micros(after.changedAt()));
            out.writeUTF(after.sourceId());
            out.writeUTF(after.recordId());
            out.writeLong(cursor);
            out.writeLong(completeListSize.orElse(-1));
            out.writeLong(issuedAt.getEpochSecond());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a byte array failed", e);
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] withCrc = ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(withCrc);
    }

    /** Parses a token; empty when it is not one of ours or is damaged. */
    public static Optional<ResumptionToken> decode(String text) {
        byte[] withCrc;
        try {
            withCrc = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (withCrc.length < 5) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(withCrc, withCrc.length - 4);
        CRC32 crc = new CRC32();
        crc.update(body);
        if ((int) crc.getValue() != ByteBuffer.wrap(withCrc, body.length, 4).getInt()) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            if (in.readByte() != VERSION) {
                return Optional.empty();
            }
            String verb = in.readUTF();
            String prefix = in.readUTF();
            String set = in.readUTF();
            long from = in.readLong();
            long before = in.readLong();
            Instant upTo = instant(in.readLong());
            Instant afterAt = instant(in.readLong());
            String sourceId = in.readUTF();
            String recordId = in.readUTF();
            long cursor = in.readLong();
            long size = in.readLong();
            Instant issuedAt = Instant.ofEpochSecond(in.readLong());
            return Optional.of(new ResumptionToken(verb, prefix, set.isEmpty() ? Optional.empty() : Optional.of(set),
                    from == Long.MIN_VALUE ? Optional.empty() : Optional.of(instant(from)),
                    before == Long.MIN_VALUE ? Optional.empty() : Optional.of(instant(before)), upTo,
                    new ChangeFeed.Position(afterAt, sourceId, recordId), cursor,
                    size < 0 ? OptionalLong.empty() : OptionalLong.of(size), issuedAt));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
