package org.shangdang.api.availability;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.api.error.NotFoundException;
import org.shangdang.connectors.availability.AvailabilityClient;
import org.shangdang.connectors.availability.CopyAvailability;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;
import org.shangdang.routes.cluster.WorkClusters;
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

    private static final int MAX_AT_LENGTH = 100;

    private final AvailabilityClient client;
    private final AvailabilityProperties properties;
    private final SearchIndex index;
    private final WorkClusters works;

    public AvailabilityController(AvailabilityClient client, AvailabilityProperties properties, SearchIndex index,
            WorkClusters works) {
        this.client = Objects.requireNonNull(client, "client");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.index = Objects.requireNonNull(index, "index");
        this.works = Objects.requireNonNull(works, "works");
    }

    @GetMapping("/api/availability")
    public Availability availability(@RequestParam(name = "record", required = false) String recordId,
            @RequestParam(name = "work", required = false) String workId,
            @RequestParam(name = "at", required = false) String at) {
        if ((recordId == null) == (workId == null)) {
            throw new InvalidQueryException("give exactly one of record=<record id> and work=<work id>");
        }
        if (at != null && at.length() > MAX_AT_LENGTH) {
            throw new InvalidQueryException("at must be at most " + MAX_AT_LENGTH + " characters; got: " + at.length());
        }
        List<CanonicalRecord> records = recordId != null
                ? List.of(index.get(recordId).orElseThrow(() -> new NotFoundException("no record with id " + recordId)))
                : membersOf(workId);
        List<Copy> copies = new ArrayList<>();
        Map<String, List<Holding>> byLibrary = new LinkedHashMap<>();
        // By identity: two records may list equal holdings (a library name and nothing else).
        Map<Holding, String> recordOf = new IdentityHashMap<>();
        for (CanonicalRecord record : records) {
            for (Holding holding : record.holdings()) {
                byLibrary.computeIfAbsent(holding.library(), l -> new ArrayList<>()).add(holding);
                recordOf.put(holding, record.id());
            }
        }
        byLibrary.forEach((library, holdings) -> copies.addAll(lookUp(library, holdings, recordOf)));
        if (at != null && !at.isBlank()) {
            String place = at.strip();
            copies.sort(Comparator.comparing((Copy c) -> !c.isAt(place)));
        }
        return new Availability(recordId, workId, at, copies);
    }

    private List<CanonicalRecord> membersOf(String workId) {
        List<String> members = works.members(workId);
        List<CanonicalRecord> records = (members.isEmpty() ? List.of(workId) : members).stream().map(index::get)
                .flatMap(Optional::stream).toList();
        if (records.isEmpty()) {
            throw new NotFoundException("no work with id " + workId);
        }
        return records;
    }

    private List<Copy> lookUp(String library, List<Holding> holdings, Map<Holding, String> recordOf) {
        Optional<String> libraryId = properties.endpoints().stream().filter(e -> e.library().equals(library))
                .map(AvailabilityProperties.Endpoint::libraryId).findFirst();
        List<String> barcodes = holdings.stream().flatMap(h -> h.barcode().stream()).toList();
        Map<String, CopyAvailability> answers = libraryId.isPresent() && !barcodes.isEmpty()
                ? client.lookup(libraryId.get(), barcodes) : Map.of();
        List<Copy> copies = new ArrayList<>();
        for (Holding holding : holdings) {
            Optional<CopyAvailability> answer = holding.barcode().map(answers::get);
            String why = libraryId.isEmpty() ? "no availability service configured for " + library
                    : "the copy has no barcode";
            copies.add(new Copy(recordOf.get(holding), holding.library(), holding.location(), holding.callNumber(),
                    holding.barcode(),
                    answer.map(a -> a.status().name().toLowerCase(Locale.ROOT)).orElse("unknown"),
                    answer.flatMap(CopyAvailability::dueDate), answer.flatMap(CopyAvailability::servicePoint),
                    answer.isPresent() ? answer.get().detail() : Optional.of(why),
                    answer.map(CopyAvailability::checkedAt)));
        }
        return copies;
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

    /**
     * One copy.
     *
     * @param status {@code available}, {@code on_loan}, {@code in_transit}, {@code unavailable} or {@code unknown}
     * @param detail the library's own status word, or why the status is unknown
     */
    public record Copy(
            String record,
            String library,
            Optional<String> location,
            @JsonProperty("call_number") Optional<String> callNumber,
            Optional<String> barcode,
            String status,
            @JsonProperty("due_date") Optional<LocalDate> dueDate,
            @JsonProperty("service_point") Optional<String> servicePoint,
            Optional<String> detail,
            @JsonProperty("checked_at") Optional<Instant> checkedAt) {

        boolean isAt(String place) {
            return library.contains(place) || location.filter(l -> l.contains(place)).isPresent()
                    || servicePoint.filter(s -> s.contains(place)).isPresent();
        }
    }
}
