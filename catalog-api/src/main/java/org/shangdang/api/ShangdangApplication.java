package org.shangdang.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Shangdang service: harvest routes, the record store, the index and the HTTP APIs in one process.
 * Scans all of {@code org.shangdang} so the routes module's configuration is wired without this module
 * naming any Camel type.
 */
@SpringBootApplication(scanBasePackages = "org.shangdang")
@ConfigurationPropertiesScan("org.shangdang")
public class ShangdangApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShangdangApplication.class, args);
    }
}
