package org.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/oci/Containerfile} as a builder would parse it, checked by Docker's own language-server validator
 * ({@code dockerfile-utils} from npm) since no container engine runs here; a broken file shows the check can fail.
 */
class ContainerfileTest {
    private static final String VALIDATOR = "dockerfile-utils@0.16.3";
    @TempDir
    Path dir;

    @Test
    void the_containerfile_parses_and_a_broken_one_does_not() throws Exception {
        Path tools = installValidator();
        assertThat(problems(tools, Samples.projectDir().resolve("deploy/oci/Containerfile"))).isEqualTo("[]");
        Path broken = Files.writeString(dir.resolve("Containerfile"), "FROM debian:bookworm-slim\nRUNN true\nCOPY\n");
        assertThat(problems(tools, broken)).contains("Unknown instruction: RUNN", "COPY requires at least two");
    }

    /** The validator in the build directory, installed once from npm. */
    private static Path installValidator() throws Exception {
        Path tools = Path.of(System.getProperty("java.io.tmpdir")).resolve("npm-tools");
        if (!Files.isDirectory(tools.resolve("node_modules/dockerfile-utils"))) {
            Files.createDirectories(tools);
            run(tools, List.of("npm", "install", "--no-audit", "--no-fund", "--silent", VALIDATOR));
        }
        return tools;
    }

    private static String problems(Path tools, Path file) throws Exception {
        ProcessBuilder node = new ProcessBuilder("node",
                Samples.projectDir().resolve("tools/check-containerfile.js").toString(), file.toString());
        node.environment().put("NODE_PATH", tools.resolve("node_modules").toString());
        return run(node).strip();
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command).directory(dir.toFile()));
    }

    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", builder.command()) + ":\n" + out).isZero();
        return out;
    }
}
