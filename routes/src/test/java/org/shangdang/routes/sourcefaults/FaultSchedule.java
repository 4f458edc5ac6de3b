package org.shangdang.routes.sourcefaults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which faults each page of a list meets before it is served, drawn from a seed: the same seed and page count
 * always give the same schedule. Each page first fails 0–3 times (45 %, 30 %, 17 %, 8 %), the kinds of all failures
 * being a shuffled cycle through {@link FaultKind#FAILURES} so that every kind occurs; the successful answer is then
 * served on time, {@value #FIXED_DELAY_MILLIS} ms late (15 % of pages) or 50–400 ms late (15 %).
 *
 * @param failures per page, the failures in the order they are served
 * @param delays per page, how the successful answer is delayed
 */
record FaultSchedule(List<List<FaultKind>> failures, List<Delay> delays) {

    static final int FIXED_DELAY_MILLIS = 250;
    static final int RANDOM_DELAY_MIN_MILLIS = 50;
    static final int RANDOM_DELAY_MAX_MILLIS = 400;

    /** How the successful answer of a page is delayed. */
    enum Delay { NONE, FIXED, RANDOM }

    /** What a failing request gets. */
    enum FaultKind {
        CONNECTION_RESET_BY_PEER,
        EMPTY_RESPONSE,
        MALFORMED_RESPONSE_CHUNK,
        RANDOM_DATA_THEN_CLOSE,
        /** HTTP 429 with {@code Retry-After: 1}. */
        HTTP_429_RETRY_AFTER,
        /** HTTP 503 with {@code Retry-After: 1}. */
        HTTP_503_RETRY_AFTER,
        /** HTTP 200 with a valid-looking prefix of the page's XML, cut inside a record. */
        TRUNCATED_BODY;

        static final List<FaultKind> FAILURES = List.of(values());
    }

    /** The most failures a page meets; a harvest needs one more attempt per request than this. */
    static final int MAX_FAILURES_PER_PAGE = 3;

    static FaultSchedule draw(long seed, int pageCount) {
        Random random = new Random(seed);
        int[] counts = new int[pageCount];
        List<Delay> delays = new ArrayList<>();
        int total = 0;
        for (int page = 0; page < pageCount; page++) {
            int roll = random.nextInt(100);
            counts[page] = roll < 45 ? 0 : roll < 75 ? 1 : roll < 92 ? 2 : MAX_FAILURES_PER_PAGE;
            total += counts[page];
            int delay = random.nextInt(100);
            delays.add(delay < 15 ? Delay.FIXED : delay < 30 ? Delay.RANDOM : Delay.NONE);
        }
        List<FaultKind> kinds = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            kinds.add(FaultKind.FAILURES.get(i % FaultKind.FAILURES.size()));
        }
        Collections.shuffle(kinds, random);
        List<List<FaultKind>> failures = new ArrayList<>();
        int next = 0;
        for (int count : counts) {
            failures.add(List.copyOf(kinds.subList(next, next + count)));
            next += count;
        }
        return new FaultSchedule(List.copyOf(failures), List.copyOf(delays));
    }

    int failureCount() {
        return failures.stream().mapToInt(List::size).sum();
    }
}
