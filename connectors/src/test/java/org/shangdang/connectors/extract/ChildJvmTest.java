package org.shangdang.connectors.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    private static final Path JAVA = Path.of("/usr/lib/jvm/java-17/bin/java");

    @TempDir
    Path temp;

    @Test
    void insideASpringBootJarTheChildRunsTheJarsPropertiesLauncherWithExtractorMainAsLoaderMain() throws IOException {
        // given a parent started with java -jar shangdang.jar, whose connectors classes come from a nested jar
        Path jar = Files.createFile(temp.resolve("shangdang.jar"));
        String nested = "jar:nested:" + jar + "/!BOOT-INF/lib/shangdang-connectors-0.1.0-SNAPSHOT.jar!/";

        // when the child is planned
        ChildJvm child = ChildJvm.of(JAVA, jar.toString(), Optional.of(nested));

        // then it runs the launcher on the fat jar, which runs ExtractorMain from the nested jars
        assertThat(child.mainClass()).isEqualTo("org.springframework.boot.loader.launch.PropertiesLauncher");
        assertThat(child.classPath()).isEqualTo(jar.toAbsolutePath().toString());
        assertThat(child.jvmOptions()).contains("-Dloader.main=" + ExtractorMain.class.getName(), "-XX:+UseSerialGC");
    }

    @Test
    void onAPlainClassPathTheChildRunsExtractorMainDirectly() throws IOException {
        // given a parent on an exploded class path (Maven, an IDE)
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Path tika = Files.createFile(temp.resolve("tika-core.jar"));
        String classPath = classes + File.pathSeparator + tika;

        // when the child is planned
        ChildJvm child = ChildJvm.of(JAVA, classPath, Optional.of(classes.toUri().toString()));

        // then it runs ExtractorMain on the same class path
        assertThat(child.mainClass()).isEqualTo(ExtractorMain.class.getName());
        assertThat(child.classPath()).isEqualTo(classPath);
        assertThat(child.jvmOptions()).noneMatch(o -> o.startsWith("-Dloader.main"));
    }

    @Test
    void aSingleOrdinaryJarOnTheClassPathIsNotMistakenForASpringBootJar() throws IOException {
        // given a parent run from one plain jar (Surefire's manifest-only jar), classes loaded straight from it
        Path jar = Files.createFile(temp.resolve("surefirebooter.jar"));

        // when the child is planned
        ChildJvm child = ChildJvm.of(JAVA, jar.toString(), Optional.of(jar.toUri().toString()));

        // then it runs ExtractorMain on that jar
        assertThat(child.mainClass()).isEqualTo(ExtractorMain.class.getName());
        assertThat(child.classPath()).isEqualTo(jar.toString());
    }
}
