package org.shangdang.api.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.shangdang.api.security.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hash-secret [--generate-key]}: prints the hash to configure for a password or API key
 * ({@code shangdang.security.*}); the secret is read from the terminal without echo, or from the standard input,
 * never from the command line (where {@code ps} would show it). With {@code --generate-key} it makes a random API
 * key, and prints the key and its hash.
 */
@Command(name = "hash-secret", mixinStandardHelpOptions = true,
        description = "Hash a password or API key for the configuration (read from the terminal or standard input).")
final class HashSecretCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--generate-key", description = "make a random API key and print it with its hash")
    boolean generateKey;

    @Override
    public Integer call() throws IOException {
        if (generateKey) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            spec.commandLine().getOut().println("key:  " + key);
            spec.commandLine().getOut().println("hash: " + Credentials.hash(key));
            return 0;
        }
        String secret = read();
        if (secret == null || secret.isEmpty()) {
            spec.commandLine().getErr().println("error: no secret given (type it, or pipe it to the standard input)");
            return ShangdangCli.USAGE;
        }
        spec.commandLine().getOut().println(Credentials.hash(secret));
        return 0;
    }

    private static String read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("secret to hash: ");
            return typed == null ? null : new String(typed);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? null : line.strip();
    }
}
