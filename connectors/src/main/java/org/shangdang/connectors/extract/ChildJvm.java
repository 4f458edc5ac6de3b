package org.shangdang.connectors.extract;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to start a child JVM: the {@code java} executable, a class path holding this module and Tika, and extra
 * JVM options.
 *
 * @param java the {@code java} executable
 * @param classPath the child's class path
 * @param jvmOptions further options, e.g. {@code -XX:+UseSerialGC}
 */
public record ChildJvm(Path java, String classPath, List<String> jvmOptions) {

    public ChildJvm {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(classPath, "classPath");
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The running JVM's {@code java} and class path ({@code java.class.path}; under Maven Surefire a manifest-only
     * jar whose {@code Class-Path} the child follows too), with the serial collector, which keeps a small
     * child's footprint low.
     */
    public static ChildJvm current() {
        return new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), List.of("-XX:+UseSerialGC"));
    }
}
