package org.shangdang.api.oai;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a real client program (Debian's oai_pmh, catmandu, yaz-client, yaz-marcdump). Absent locally, the calling
 * test skips with a message naming the package; under {@code CI=true} it fails instead, so CI cannot skip.
 */
public final class ExternalClient {

    private ExternalClient() {}

    /** What a finished program left. */
    public record Run(int exitCode, String stdout, String stderr) {}

    /** The program's path, or skip/fail as above. */
    public static Path require(String program, String debianPackage) {
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            String message = program + " is not installed (apt-get install -y " + debianPackage + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; under CI=true this test must run");
            }
            Assumptions.assumeTrue(false, message + ": skipping");
        }
        return found.get();
    }

    /** Runs the command with stdin from {@code input} (may be empty), waiting at most {@code timeoutSeconds}. */
    public static Run run(List<String> command, String input, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("client-out", ".txt");
        Path err = Files.createTempFile("client-err", ".txt");
        Path in = Files.createTempFile("client-in", ".txt");
        Files.writeString(in, input, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Optional<Path> find(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
