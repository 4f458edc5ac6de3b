package org.shangdang.api.availability;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.api.error.NotFoundException;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.Lookup;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Live availability of the copies of a record or of every record of a work:
 * {@code GET /api/availability?record=<id>} or {@code ?work=<workId>}, with {@code at=<branch or service point>}
 * to list the copies there first (a terminal passes its own place). Each library's ILS is asked for its
 * copies' barcodes; a library that is down, slow or unconfigured gives "unknown" for its copies, with the
 * reason, and the answer still comes (never a 5xx).
 */
@RestController
public class AvailabilityController {

    /** The longest {@code at} accepted. */
    public static final int MAX_AT_LENGTH = 100;

    private final AvailabilityLookup availability;
    private final SearchIndex index;

    public AvailabilityController(AvailabilityLookup availability, SearchIndex index) {
        this.availability = Objects.requireNonNull(availability, "availability");
        this.index = Objects.requireNonNull(index, "index");
    }

    @GetMapping("/api/availability")
    public Availability availability(@RequestParam(name = "record", required = false) String recordId,
            @RequestParam(name = "work", required = false) String workId,
            @RequestParam(name = "at", required = false) String at) {
        if ((recordId == null) == (workId == null)) {
            throw new InvalidQueryException("give exactly one of record=<record id> and work=<work id>");
        }
        checkAt(at);
        List<CanonicalRecord> records = recordId != null
                ? List.of(index.get(recordId).orElseThrow(() -> new NotFoundException("no record with id " + recordId)))
                : index.lookup(Lookup.works(List.of(workId), Lookup.MAX_LIMIT));
        if (records.isEmpty()) {
            throw new NotFoundException("no work with id " + workId);
        }
        List<Copy> copies = availability.copies(records);
        if (at != null && !at.isBlank()) {
            copies = AvailabilityLookup.placeFirst(copies, at);
        }
        return new Availability(recordId, workId, at, copies);
    }

    /**
     * @throws InvalidQueryException when {@code at} is longer than {@link #MAX_AT_LENGTH}
     */
    public static void checkAt(String at) {
        if (at != null && at.length() > MAX_AT_LENGTH) {
            throw new InvalidQueryException("at must be at most " + MAX_AT_LENGTH + " characters; got: " + at.length());
        }
    }

    /**
     * @param record the record asked about, if one was
     * @param work the work asked about, if one was
     * @param at the place whose copies come first, if given
     * @param copies every copy, with its live status
     */
    public record Availability(Optional<String> record, Optional<String> work, Optional<String> at, List<Copy> copies) {

        Availability(String record, String work, String at, List<Copy> copies) {
            this(Optional.ofNullable(record), Optional.ofNullable(work), Optional.ofNullable(at), copies);
        }

        public Availability {
            copies = List.copyOf(copies);
        }
    }
}
