package org.shangdang.routes.indexfaults;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;

/**
 * A real index that runs a test's action just before a chosen upsert call reaches it, so the test can cut
 * the network to the engine at a known page. Every call still goes to the real index, whose own failures
 * are what the harvest sees. Thread-safe.
 */
final class BeforeUpsertHookIndex extends ForwardingSearchIndex {

    private final AtomicInteger upserts = new AtomicInteger();
    private final AtomicReference<Optional<Hook>> hook = new AtomicReference<>(Optional.empty());

    BeforeUpsertHookIndex(SearchIndex delegate) {
        super(delegate);
    }

    /** Runs the action once, just before the {@code upsertNumber}-th upsert call from now on (1-based). */
    void beforeUpsert(int upsertNumber, Runnable action) {
        upserts.set(0);
        hook.set(Optional.of(new Hook(upsertNumber, action)));
    }

    @Override
    public void upsert(Collection<CanonicalRecord> records) {
        Optional<Hook> planned = hook.get();
        if (planned.isPresent() && upserts.incrementAndGet() == planned.get().upsertNumber()) {
            hook.set(Optional.empty());
            planned.get().action().run();
        }
        super.upsert(records);
    }

    private record Hook(int upsertNumber, Runnable action) {}
}
