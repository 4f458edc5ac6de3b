package org.shangdang.api.works;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.api.error.NotFoundException;
import org.shangdang.indexer.cluster.Explanation;
import org.shangdang.record.CanonicalRecord;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The union catalog's works: {@code GET /api/works/{workId}} and {@code GET /api/works?record=<recordId>} (the
 * work a record belongs to), each with its records, their holdings and why they were clustered together. The
 * merged view of a work, with live availability, is {@code /api/catalog/works/{id}}; both read works through
 * {@link UnionWorks}.
 */
@RestController
public class WorksController {

    private final UnionWorks works;

    public WorksController(UnionWorks works) {
        this.works = Objects.requireNonNull(works, "works");
    }

    @GetMapping("/api/works/{workId}")
    public WorkResponse work(@PathVariable("workId") String workId) {
        return describe(works.members(workId)).filter(work -> work.workId().equals(workId))
                .orElseThrow(() -> new NotFoundException("no work with id " + workId));
    }

    @GetMapping("/api/works")
    public WorkResponse workOf(@RequestParam("record") String recordId) {
        Optional<String> workId = works.why(recordId).map(Explanation::workId);
        return describe(workId.map(works::members).orElse(List.of()))
                .orElseThrow(() -> new NotFoundException("no record with id " + recordId));
    }

    private Optional<WorkResponse> describe(List<CanonicalRecord> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        return works.why(records.get(0).id()).map(why -> WorkResponse.of(why, records));
    }
}
