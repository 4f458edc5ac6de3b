package org.shangdang.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;

class CliProgressLineTest {

    private static final Instant START = Instant.parse("2026-11-29T02:00:00Z");

    @Test
    void theBarShowsRecordsRateAndEtaWhenTheListSizeIsKnown() {
        String line = ProgressLine.render(job(250), Optional.of(1000L), START.plusSeconds(5));

        assertThat(line).startsWith("changzhi-city [" + "#".repeat(8) + "-".repeat(22) + "] 250/1000 records")
                .contains("50.0 records/s").contains("ETA 0:15").contains("page 5");
    }

    @Test
    void withoutAListSizeItShowsTheCountAndRateOnly() {
        String line = ProgressLine.render(job(120), Optional.empty(), START.plusSeconds(60));

        assertThat(line).startsWith("changzhi-city 120 records  2.0 records/s").doesNotContain("ETA").doesNotContain("[");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEndsWithANewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine bar = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), ProgressLine.Style.BAR);

        bar.progressed(job(10), Optional.empty());
        bar.progressed(job(20), Optional.empty());
        bar.ended(job(20));

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("\r").contains("\rchangzhi-city 20 records").endsWith("\n");
        assertThat(shown.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    private static JobStatus job(long seen) {
        return new JobStatus(3, "changzhi-city", HarvestMode.FULL, JobState.RUNNING, seen, seen, seen, 0, 0, 5, START,
                Optional.empty(), Optional.empty());
    }
}
