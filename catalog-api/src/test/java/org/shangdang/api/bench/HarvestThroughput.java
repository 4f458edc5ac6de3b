package org.shangdang.api.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.shangdang.api.ShangdangApplication;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load driver for harvest → store raw → crosswalk → index → commit → checkpoint: starts the service in
 * the demo profile (fixture sources over HTTP, H2 record store and Lucene index in a fresh temporary
 * directory), runs one cold full harvest of each fixture source, then {@code rounds} warm full
 * harvests of 长治市图书馆, and prints records/s for each. Not a test: run it by hand (docs/BENCHMARKS.md).
 */
public final class HarvestThroughput {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dataDir = Files.createTempDirectory("shangdang-harvest-bench");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShangdangApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("demo")
                .run("--shangdang.data-dir=" + dataDir, "--shangdang.harvest.on-startup=false",
                        "--logging.level.org.shangdang=WARN", "--logging.level.org.apache.camel=WARN")) {
            HarvestJobs jobs = context.getBean(HarvestJobs.class);
            report("cold", jobs.harvest("changzhi-city", HarvestMode.FULL));
            report("cold", jobs.harvest("zhangzi-county", HarvestMode.FULL));
            List<Double> rates = new ArrayList<>();
            for (int i = 1; i <= rounds; i++) {
                rates.add(report("warm " + i, jobs.harvest("changzhi-city", HarvestMode.FULL)));
            }
            rates.sort(Double::compare);
            System.out.printf("warm full harvests of changzhi-city: median %.0f records/s, min %.0f, max %.0f (%d rounds)%n",
                    rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1), rounds);
        }
    }

    private static double report(String label, JobStatus job) {
        if (job.state() != JobState.COMPLETED) {
            throw new IllegalStateException("harvest " + label + " of " + job.sourceId() + " ended " + job.state()
                    + ": " + job.lastError().orElse(""));
        }
        long millis = Duration.between(job.startedAt(), job.endedAt().orElseThrow()).toMillis();
        double rate = job.seen() * 1000.0 / Math.max(1, millis);
        System.out.printf("%-8s %-15s %d records, %d pages, %d ms, %.0f records/s%n",
                label, job.sourceId(), job.seen(), job.pages(), millis, rate);
        return rate;
    }
}
