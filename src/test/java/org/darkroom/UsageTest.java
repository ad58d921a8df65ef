package org.darkroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One usage text: what {@code --help} prints from the jar, from the launcher before any build, and in the README. */
class UsageTest {
    @TempDir
    Path dir;

    @Test
    void the_readme_shows_the_usage_the_service_prints() throws Exception {
        assertThat(Files.readString(Samples.projectDir().resolve("README.md"))).contains(CommandLine.USAGE);
    }

    /**
     * The launcher is copied into a repository with no jar, whose {@code mvnw} only leaves a mark: a launcher that
     * built before answering --help would leave it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"run --help", "run --port 9 -h", "mcp --help"})
    void the_launcher_prints_the_usage_without_building(String arguments) throws Exception {
        Files.copy(Samples.projectDir().resolve("darkroom"), dir.resolve("darkroom"));
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.copy(Samples.projectDir().resolve("src/main/resources/usage.txt"), resources.resolve("usage.txt"));
        Path mvnw = Files.writeString(dir.resolve("mvnw"), "#!/bin/sh\ntouch \"$(dirname \"$0\")/built\"\nexit 1\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwx------"));

        Process process = new ProcessBuilder(("bash " + dir.resolve("darkroom") + " " + arguments).split(" "))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo(CommandLine.USAGE + "\n");
        assertThat(dir.resolve("built")).doesNotExist();
        assertThat(dir.resolve("target")).doesNotExist();
    }
}
