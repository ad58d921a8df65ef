package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.darkroom.intake.ImageType;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guards around ImageMagick hold for real: the timeout kills, and a weak policy stops the start. */
class MagickSafetyTest {
    @TempDir
    Path dataDir;

    @Test
    void a_command_past_its_timeout_is_killed_and_the_input_fails_with_timeout() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dataDir, Map.of(
                "darkroom.magick.timeout-ms", "400",
                "darkroom.inbox.slow.flow", "transform",
                "darkroom.inbox.slow.operations", "resize width=9000 upscale=true; blur sigma=40",
                // Slow on purpose: limits raised so the job is allowed to run into its timeout.
                "darkroom.limits.max-pixels", "200000000",
                "darkroom.limits.max-work", "1000000000000"))) {
            darkroom.data().drop("slow", Samples.get("plain.jpg"), "slow.jpg");
            darkroom.data().awaitAccounted("slow", 1, Duration.ofSeconds(30));

            assertThat(darkroom.data().error("slow", "slow.jpg").at("/code").asText()).isEqualTo("timeout");
            String workDir = dataDir.resolve(".work").toString();
            assertThat(ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(workDir))
                    .map(p -> p.info().commandLine().orElse("")))
                    .as("no ImageMagick process outlives its timeout").isEmpty();
        }
    }

    @Test
    void exec_headers_sent_by_a_caller_cannot_change_the_command() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dataDir, Map.of())) {
            Path jobDir = Files.createDirectories(dataDir.resolve(".work").resolve("header-test"));
            Path input = Files.copy(Samples.get("plain.jpg"), jobDir.resolve("input"));
            Path output = jobDir.resolve("output.png");
            Path marker = dataDir.resolve("pwned");
            MagickJob job = new MagickJob(List.of("jpeg:" + input, "png:" + output), output, ImageType.PNG);

            Object result = darkroom.main().getCamelTemplate().requestBodyAndHeaders("direct:magick", job, Map.of(
                    "CamelExecCommandExecutable", "/bin/sh",
                    "CamelExecCommandArgs", List.of("-c", "touch " + marker),
                    "CamelExecCommandWorkingDir", "/"));

            assertThat(result).isEqualTo(job);
            assertThat(output).exists();
            assertThat(marker).doesNotExist();
        }
    }

    @Test
    void darkroom_refuses_to_start_when_imagemagick_does_not_enforce_its_policy() throws Exception {
        Path weak = Files.createDirectories(dataDir.resolve("weak-policy"));
        Files.writeString(weak.resolve("policy.xml"), "<policymap>\n"
                + "  <policy domain=\"coder\" rights=\"read|write\" pattern=\"*\"/>\n</policymap>\n");
        MagickEnvironment environment = new MagickEnvironment(Path.of("/usr/bin/convert"), weak,
                dataDir, 1, 60);
        assertThatThrownBy(() -> MagickProbe.verify(environment))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not enforce");

        assertThatThrownBy(() -> RunningDarkroom.start(dataDir.resolve("data"),
                Map.of("darkroom.magick.policy-dir", weak.toString())))
                .hasStackTraceContaining("Darkroom will not start without its policy in force");
    }

    @Test
    void the_project_policy_passes_the_probe() {
        MagickEnvironment environment = new MagickEnvironment(Path.of("/usr/bin/convert"),
                Samples.projectDir().resolve("policy"), dataDir, 1, 60);
        assertThat(MagickProbe.verify(environment)).contains("ImageMagick");
    }
}
