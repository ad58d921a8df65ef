package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.darkroom.flow.ErrorCode;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImageMagick's own time limit backs up the Java timeout, and can only be what the policy lets it be. */
class MagickTimeLimitTest {
    @TempDir
    Path dir;

    @Test
    void imagemagick_stops_a_job_by_itself_at_its_time_limit() throws Exception {
        MagickEnvironment environment = new MagickEnvironment(Path.of("/usr/bin/convert"),
                Samples.projectDir().resolve("policy"), dir, 1, MagickEnvironment.timeLimitAbove(1000));
        Path output = dir.resolve("out.png");
        List<String> command = new ArrayList<>(List.of(MagickEnvironment.ENV));
        // Over a minute of work without a limit; nothing on the Java side stops it here.
        command.addAll(environment.jobCommandLine(List.of("jpeg:" + Samples.get("plain.jpg"), "-resize", "9000x",
                "-blur", "0x40", "png:" + output)));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String stderr = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(30, TimeUnit.SECONDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        process.destroyForcibly();

        assertThat(finished).as("ImageMagick stopped by itself").isTrue();
        assertThat(seconds).isBetween(1L, 10L);
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).doesNotExist();
        assertThat(MagickErrors.classify(stderr, false).code()).as(stderr).isEqualTo(ErrorCode.TIMEOUT);
    }

    @Test
    void the_time_limit_is_a_little_above_the_java_timeout() {
        assertThat(MagickEnvironment.timeLimitAbove(60_000)).isEqualTo(62);
        assertThat(MagickEnvironment.timeLimitAbove(400)).isEqualTo(3);
    }

    @Test
    void a_timeout_beyond_what_the_policy_lets_imagemagick_run_stops_the_start() {
        assertThatThrownBy(() -> RunningDarkroom.start(dir.resolve("data"),
                Map.of("darkroom.magick.timeout-ms", "200000")))
                .hasStackTraceContaining("darkroom.magick.timeout-ms needs ImageMagick's time limit at 202 s")
                .hasStackTraceContaining("caps it at 120 s");
    }
}
