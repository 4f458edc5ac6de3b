package org.shangdang.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runner's command line: a subcommand, then {@code --name=value} (or {@code --name value}) options.
 * Immutable after parsing; thread-safe.
 */
record Options(String command, Map<String, String> values, List<String> arguments) {

    Options {
        values = Map.copyOf(values);
        arguments = List.copyOf(arguments);
    }

    /**
     * @throws IllegalArgumentException when an option has no value
     */
    static Options parse(String[] args) {
        if (args.length == 0) {
            return new Options("help", Map.of(), List.of());
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    values.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    values.put(arg.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("option " + arg + " needs a value, e.g. " + arg + "=1000");
                }
            } else {
                arguments.add(arg);
            }
        }
        return new Options(args[0], values, arguments);
    }

    long records() {
        return longValue("n", 20_000);
    }

    long seed() {
        return longValue("seed", org.shangdang.fixtures.generate.city.CityCatalog.DEFAULT_SEED);
    }

    /** The working directory of this size and seed: generated files, indexes. */
    Path workDir() {
        return Path.of(values.getOrDefault("dir",
                Path.of(System.getProperty("java.io.tmpdir"), "shangdang-bench", "n" + records() + "-s" + seed()).toString()));
    }

    int intValue(String name, int fallback) {
        return (int) longValue(name, fallback);
    }

    long longValue(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number; got: " + value);
        }
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A comma-separated list of whole numbers, e.g. {@code --threads=1,16}. */
    List<Integer> intList(String name, List<Integer> fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                list.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be whole numbers separated by commas; got: " + value);
            }
        }
        return list;
    }

    /** The command line as typed, for the report. */
    String commandLine() {
        StringBuilder line = new StringBuilder(command);
        values.forEach((k, v) -> line.append(" --").append(k).append('=').append(v));
        arguments.forEach(a -> line.append(' ').append(a));
        return line.toString();
    }
}
