package org.shangdang.api.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.routes.harvest.JobListener;
import org.shangdang.routes.store.JobStatus;

/**
 * Shows a harvest's progress on the standard error: on a terminal one line redrawn in place, a bar with records,
 * rate and ETA (when the source announces the list size); otherwise (piped, in CI) one line per page.
 * Thread-safe.
 */
final class ProgressLine implements JobListener {

    /** How the progress is drawn. */
    enum Style {
        /** Redrawn in place with a carriage return: for a terminal. */
        BAR,
        /** One line per page: for logs and pipes. */
        LINES
    }

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final Style style;
    private boolean drawn;

    ProgressLine(PrintStream out, Style style) {
        this.out = Objects.requireNonNull(out, "out");
        this.style = Objects.requireNonNull(style, "style");
    }

    @Override
    public synchronized void progressed(JobStatus job, Optional<Long> expectedTotal) {
        String line = render(job, expectedTotal, Instant.now());
        if (style == Style.BAR) {
            out.print("\r" + line + "\u001b[K");
            drawn = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public synchronized void ended(JobStatus job) {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }

    static String render(JobStatus job, Optional<Long> expectedTotal, Instant now) {
        double seconds = Math.max(0.001, Duration.between(job.startedAt(), now).toMillis() / 1000.0);
        double rate = job.seen() / seconds;
        StringBuilder line = new StringBuilder(job.sourceId()).append(' ');
        if (expectedTotal.isPresent() && expectedTotal.get() > 0) {
            long total = expectedTotal.get();
            int filled = (int) Math.min(WIDTH, Math.round(WIDTH * (double) job.seen() / total));
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                    .append(job.seen()).append('/').append(total).append(" records");
        } else {
            line.append(job.seen()).append(" records");
        }
        line.append(String.format(Locale.ROOT, "  %.1f records/s", rate));
        if (expectedTotal.isPresent() && rate > 0) {
            long left = (long) Math.ceil(Math.max(0, expectedTotal.get() - job.seen()) / rate);
            line.append(String.format(Locale.ROOT, "  ETA %d:%02d", left / 60, left % 60));
        }
        line.append("  page ").append(job.pages()).append(", indexed ").append(job.indexed()).append(", rejected ")
                .append(job.rejected());
        return line.toString();
    }
}
