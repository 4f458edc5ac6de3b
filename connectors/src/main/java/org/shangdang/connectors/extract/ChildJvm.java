package org.shangdang.connectors.extract;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a child JVM: the {@code java} executable, a class path holding this module and Tika, extra JVM
 * options and the main class.
 *
 * @param java the {@code java} executable
 * @param classPath the child's class path
 * @param jvmOptions further options, e.g. {@code -XX:+UseSerialGC}
 * @param mainClass the class the child runs: {@link ExtractorMain}, or a launcher that runs it
 */
public record ChildJvm(Path java, String classPath, List<String> jvmOptions, String mainClass) {

    /**
     * The launcher of a Spring Boot executable jar that runs the class named by {@code -Dloader.main} with the jar's
     * nested {@code BOOT-INF/classes} and {@code BOOT-INF/lib} on its class path.
     */
    static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    public ChildJvm {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** A child that runs {@link ExtractorMain} from a plain class path. */
    public ChildJvm(Path java, String classPath, List<String> jvmOptions) {
        this(java, classPath, jvmOptions, ExtractorMain.class.getName());
    }

    /**
     * The running JVM's {@code java} and class path, with the serial collector, which keeps a small child's footprint
     * low. Two cases are told apart (see {@link #of}): a plain class path ({@code java.class.path}; under Maven
     * Surefire a manifest-only jar whose {@code Class-Path} the child follows too), and the service run as a Spring
     * Boot executable jar ({@code java -jar shangdang.jar}), whose {@code java.class.path} is the fat jar alone and
     * whose classes this module's code was loaded from a nested jar inside it.
     */
    public static ChildJvm current() {
        return of(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                codeSource(ExtractorMain.class));
    }

    /**
     * The child for a parent with this class path whose copy of this module was loaded from {@code codeSource}.
     * When the code source lies inside a Spring Boot executable jar ({@code jar:nested:…/!BOOT-INF/lib/…}, or any
     * URL naming {@code !BOOT-INF/}) and the class path is that one jar, the child runs the jar's
     * {@link #BOOT_PROPERTIES_LAUNCHER} with {@code -Dloader.main=}{@link ExtractorMain}, since {@code -cp fat.jar
     * ExtractorMain} could not find the class; otherwise it runs {@link ExtractorMain} on the class path as given.
     *
     * @param codeSource the location this module's classes came from; empty when unknown
     */
    static ChildJvm of(Path java, String classPath, Optional<String> codeSource) {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC"));
        Optional<Path> fatJar = bootJar(classPath, codeSource);
        if (fatJar.isPresent()) {
            options.add("-Dloader.main=" + ExtractorMain.class.getName());
            return new ChildJvm(java, fatJar.get().toString(), options, BOOT_PROPERTIES_LAUNCHER);
        }
        return new ChildJvm(java, classPath, options);
    }

    /** The absolute path of the executable jar when the class path is a Spring Boot jar that holds this module. */
    private static Optional<Path> bootJar(String classPath, Optional<String> codeSource) {
        if (classPath == null || classPath.isBlank() || classPath.contains(File.pathSeparator)
                || !classPath.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return Optional.empty();
        }
        boolean nested = codeSource.filter(s -> s.startsWith("jar:nested:") || s.contains("!BOOT-INF/")
                || s.contains("!/BOOT-INF/")).isPresent();
        Path jar = Path.of(classPath.strip()).toAbsolutePath().normalize();
        return nested && Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    private static Optional<String> codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return Optional.ofNullable(location).map(URL::toString);
    }
}
