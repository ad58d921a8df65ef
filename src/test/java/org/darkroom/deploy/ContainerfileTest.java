package org.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.darkroom.testing.NpmTools;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/oci/Containerfile} as a builder would parse it, checked by Docker's own language-server validator
 * ({@code dockerfile-utils} from npm) since no container engine runs here; a broken file shows the check can fail.
 */
class ContainerfileTest {
    @TempDir
    Path dir;

    @Test
    void the_containerfile_parses_and_a_broken_one_does_not() throws Exception {
        Path modules = NpmTools.install("dockerfile-utils", "0.16.3");
        assertThat(problems(modules, Samples.projectDir().resolve("deploy/oci/Containerfile"))).isEqualTo("[]");
        Path broken = Files.writeString(dir.resolve("Containerfile"), "FROM debian:bookworm-slim\nRUNN true\nCOPY\n");
        assertThat(problems(modules, broken)).contains("Unknown instruction: RUNN", "COPY requires at least two");
    }

    private static String problems(Path modules, Path file) throws Exception {
        // Copied beside node_modules, the script finds the validator the way node finds any installed module.
        Path script = Files.copy(Samples.projectDir().resolve("tools/check-containerfile.js"),
                modules.getParent().resolve("check-containerfile.js"), StandardCopyOption.REPLACE_EXISTING);
        return NpmTools.run(modules.getParent(), List.of("node", script.toString(), file.toString())).strip();
    }
}
