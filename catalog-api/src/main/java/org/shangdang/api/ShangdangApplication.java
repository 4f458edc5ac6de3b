package org.shangdang.api;

import org.shangdang.api.cli.ShangdangCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Shangdang service: harvest routes, the record store, the index and the HTTP APIs in one process.
 * Scans all of {@code org.shangdang} so the routes module's configuration is wired without this module
 * naming any Camel type. With a command as first argument ({@code harvest}, {@code jobs}, …) it runs the staff
 * command line instead ({@link ShangdangCli}).
 */
@SpringBootApplication(scanBasePackages = "org.shangdang")
@ConfigurationPropertiesScan("org.shangdang")
public class ShangdangApplication {

    public static void main(String[] args) {
        if (ShangdangCli.isCommand(args)) {
            System.exit(ShangdangCli.run(args));
        }
        SpringApplication.run(ShangdangApplication.class, args);
    }
}
