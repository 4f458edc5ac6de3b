package org.shangdang.api.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.api.ShangdangApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application context the commands need, started on first use without a web server: the same configuration
 * as the service (sources, record store, index), but no start-up harvest and quieter logs. Not thread-safe: the
 * command line uses it from one thread.
 */
final class CliContext implements AutoCloseable {

    /** Defaults a command line wants; configuration (files, environment, -D, --spring.args) overrides them. */
    private static final String[] DEFAULTS = {
        "shangdang.harvest.on-startup=false",
        // Logs share the terminal with the command's output: only what a person must act on.
        "logging.level.root=ERROR",
        "logging.level.org.shangdang=WARN",
        "logging.level.org.shangdang.routes=ERROR",
        "logging.level.org.shangdang.api.security=ERROR",
        "spring.main.banner-mode=off",
    };

    private final List<String> springArgs;
    private ConfigurableApplicationContext context;

    CliContext(List<String> springArgs) {
        this.springArgs = List.copyOf(springArgs);
    }

    /** Starts the context if it is not yet, and returns its bean of this type. */
    <T> T bean(Class<T> type) {
        if (context == null) {
            context = new SpringApplicationBuilder(ShangdangApplication.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .properties(DEFAULTS)
                    .run(springArgs.toArray(String[]::new));
        }
        return context.getBean(type);
    }

    /** The context if it was started. */
    Optional<ConfigurableApplicationContext> started() {
        return Optional.ofNullable(context);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /** The deepest cause's message: what a person can act on when the context does not start. */
    static String rootMessage(Throwable e) {
        Throwable root = Objects.requireNonNull(e);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (message.contains("Database may be already in use") || root.getClass().getSimpleName().equals("LockObtainFailedException")) {
            return "the record store or index is in use by another process (is the service running on the same data"
                    + " directory? stop it, or point the command at a shared PostgreSQL and Elasticsearch): " + message;
        }
        return message;
    }
}
