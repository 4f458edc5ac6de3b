package org.shangdang.routes.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

class RecordStoreStreamingTest {

    private static final Instant MARCH = Instant.parse("2024-03-01T08:30:00Z");

    private RecordStore store;

    @BeforeEach
    void storeRecordsOfTwoSources() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:stream-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        store = new RecordStore(dataSource);
        List<RawRecord> records = new ArrayList<>();
        // Inserted out of order, with ids that sort differently as text and as numbers.
        IntStream.of(7, 12, 3, 1, 10, 5, 2, 11, 4, 9, 6, 8, 13, 14, 15).forEach(i -> records.add(raw("changzhi-city", "r" + i)));
        IntStream.rangeClosed(1, 10).forEach(i -> records.add(raw("zhangzi-county", "z" + i)));
        records.add(new RawRecord("zhangzi-county", "z-deleted", MARCH, RecordFormat.OAI_DC, new byte[0], RecordStatus.DELETED));
        store.upsertRaw(records);
    }

    private static RawRecord raw(String source, String id) {
        return new RawRecord(source, id, MARCH, RecordFormat.OAI_DC, ("<r>" + id + "</r>").getBytes(StandardCharsets.UTF_8),
                RecordStatus.PRESENT);
    }

    @Test
    void streamsEveryRecordOnceInKeyOrderInBatchesOfAtMostTheBatchSize() {
        List<Integer> sizes = new ArrayList<>();
        List<String> keys = new ArrayList<>();

        long streamed = store.forEachRawBatch(Optional.empty(), 10, batch -> {
            sizes.add(batch.size());
            batch.forEach(r -> keys.add(r.canonicalId()));
        });

        assertThat(streamed).isEqualTo(26);
        assertThat(sizes).containsExactly(10, 10, 6);
        assertThat(keys).doesNotHaveDuplicates().hasSize(26).isSorted();
        assertThat(keys).contains("zhangzi-county:z-deleted");
    }

    @Test
    void streamsOneSourceWithPayloadsAndDeletedFlags() {
        List<RawRecord> zhangzi = new ArrayList<>();

        store.forEachRawBatch(Optional.of("zhangzi-county"), 4, zhangzi::addAll);

        assertThat(zhangzi).hasSize(11).allSatisfy(r -> assertThat(r.sourceId()).isEqualTo("zhangzi-county"));
        RawRecord z1 = zhangzi.stream().filter(r -> r.recordId().equals("z1")).findFirst().orElseThrow();
        assertThat(new String(z1.payload(), StandardCharsets.UTF_8)).isEqualTo("<r>z1</r>");
        assertThat(zhangzi.stream().filter(RawRecord::isDeleted).map(RawRecord::recordId)).containsExactly("z-deleted");
        assertThat(store.forEachRawBatch(Optional.of("no-such-source"), 4, b -> { throw new AssertionError("called"); }))
                .isZero();
    }

    @Test
    void refusesABatchSizeOutOfRange() {
        assertThatThrownBy(() -> store.forEachRawBatch(Optional.empty(), 0, b -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got: 0");
    }
}
