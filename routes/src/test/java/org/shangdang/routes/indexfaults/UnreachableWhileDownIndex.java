package org.shangdang.routes.indexfaults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;

/**
 * A real index behind a switch: while it is down, every write, commit and count throws
 * {@link IndexUnavailableException}, as the Elasticsearch engine does when the cluster cannot be reached.
 * It can be set to go down in the middle of a chosen upsert (after writing half the batch, since an
 * unreachable cluster guarantees nothing of the call) and to come back after a while from another thread.
 * Reads ({@code search}, {@code get}) always pass, so tests can check the index. Thread-safe.
 */
final class UnreachableWhileDownIndex extends ForwardingSearchIndex {

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger upserts = new AtomicInteger();
    private final AtomicInteger refusedCalls = new AtomicInteger();
    private final AtomicReference<Optional<Outage>> planned = new AtomicReference<>(Optional.empty());

    UnreachableWhileDownIndex(SearchIndex delegate) {
        super(delegate);
    }

    /**
     * Goes down during the {@code upsertNumber}-th upsert call from now on (1-based), after writing the
     * first half of its batch; comes back up after {@code downFor}, or never if it is empty.
     */
    void goDownDuringUpsert(int upsertNumber, Optional<Duration> downFor) {
        upserts.set(0);
        planned.set(Optional.of(new Outage(upsertNumber, downFor)));
    }

    /** Comes back up now. */
    void up() {
        down.set(false);
    }

    /** Calls refused as unavailable so far. */
    int refusedCalls() {
        return refusedCalls.get();
    }

    @Override
    public void upsert(Collection<CanonicalRecord> records) {
        Optional<Outage> outage = planned.get();
        if (!down.get() && outage.isPresent() && upserts.incrementAndGet() == outage.get().upsertNumber()) {
            planned.set(Optional.empty());
            List<CanonicalRecord> batch = new ArrayList<>(records);
            super.upsert(batch.subList(0, batch.size() / 2));
            down.set(true);
            outage.get().downFor().ifPresent(this::upAfter);
        }
        requireUp("upsert");
        super.upsert(records);
    }

    @Override
    public void delete(Collection<String> ids) {
        requireUp("delete");
        super.delete(ids);
    }

    @Override
    public void commit() {
        requireUp("commit");
        super.commit();
    }

    @Override
    public long count() {
        requireUp("count");
        return super.count();
    }

    private void upAfter(Duration downFor) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(downFor.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            up();
        }, "test-index-comes-back");
        thread.setDaemon(true);
        thread.start();
    }

    private void requireUp(String call) {
        if (down.get()) {
            refusedCalls.incrementAndGet();
            throw new IndexUnavailableException("test index: " + call + " failed: Connection refused");
        }
    }

    private record Outage(int upsertNumber, Optional<Duration> downFor) {}
}
