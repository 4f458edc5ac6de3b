package org.shangdang.api.works;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.api.error.NotFoundException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.cluster.Explanation;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.routes.cluster.WorkClusters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The union catalog's works: {@code GET /api/works/{workId}} and {@code GET /api/works?record=<recordId>} (the
 * work a record belongs to), each with its records, their holdings and why they were clustered together.
 */
@RestController
public class WorksController {

    private final WorkClusters works;
    private final SearchIndex index;

    public WorksController(WorkClusters works, SearchIndex index) {
        this.works = Objects.requireNonNull(works, "works");
        this.index = Objects.requireNonNull(index, "index");
    }

    @GetMapping("/api/works/{workId}")
    public WorkResponse work(@PathVariable("workId") String workId) {
        List<String> members = works.members(workId);
        // A record alone is a work of its own, under its own id.
        String anyMember = members.isEmpty() ? workId : members.get(0);
        return describe(anyMember).filter(work -> work.workId().equals(workId))
                .orElseThrow(() -> new NotFoundException("no work with id " + workId));
    }

    @GetMapping("/api/works")
    public WorkResponse workOf(@RequestParam("record") String recordId) {
        return describe(recordId).orElseThrow(() -> new NotFoundException("no record with id " + recordId));
    }

    private Optional<WorkResponse> describe(String recordId) {
        Optional<Explanation> why = works.why(recordId);
        if (why.isEmpty()) {
            return Optional.empty();
        }
        List<CanonicalRecord> records = why.get().members().stream().map(index::get).flatMap(Optional::stream)
                .toList();
        return records.isEmpty() ? Optional.empty() : Optional.of(WorkResponse.of(why.get(), records));
    }
}
