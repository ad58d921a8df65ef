package org.darkroom.vision.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.darkroom.testing.TinyModel;
import org.darkroom.vision.bundle.BundleException;
import org.darkroom.vision.model.UntrustedModelException;
import org.darkroom.vision.preprocess.LocalCropIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the service does at start-up with the bundle it is given: load it, run without it, or refuse to start. */
class VisionStartupTest {
    @TempDir
    Path dir;

    private static VisionSettings settings(Path model, String sha256) {
        return new VisionSettings(Optional.ofNullable(model), Optional.ofNullable(sha256), 1, 0,
                Duration.ofSeconds(5), 8, 0, LocalCropIndex.CLIENT, 1);
    }

    @Test
    void a_bundle_with_the_sha256_the_user_gave_is_loaded() {
        try (VisionService vision = VisionStartup.start(settings(TinyModel.bundle("tiny.mf"), TinyModel.sha256()),
                Samples.projectDir())) {
            assertThat(vision.model().name()).isEqualTo("tiny.mf");
            assertThat(vision.model().text().templates().captionLengths()).containsExactly("short", "normal");
        }
    }

    @Test
    void no_bundle_at_all_runs_without_vision() {
        try (VisionService vision = VisionStartup.start(settings(dir.resolve("absent.mf"), null),
                Samples.projectDir())) {
            assertThat(vision.loaded()).isEmpty();
        }
    }

    @Test
    void a_bundle_nobody_vouched_for_stops_the_start_with_the_fix() {
        assertThatThrownBy(() -> RunningDarkroom.start(dir.resolve("data"),
                Map.of("darkroom.model", TinyModel.bundle("tiny.mf").toString())))
                .isInstanceOf(UntrustedModelException.class)
                .hasMessageContaining("--model-sha256").hasMessageContaining("./darkroom fetch-model");
    }

    @Test
    void a_truncated_bundle_is_refused_with_a_clear_error_even_with_its_own_sha256() throws Exception {
        byte[] whole = Files.readAllBytes(TinyModel.bundle("tiny.mf"));
        Path truncated = Files.write(dir.resolve("truncated.mf"), Arrays.copyOf(whole, whole.length / 2));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(truncated)));
        assertThatThrownBy(() -> VisionStartup.start(settings(truncated, sha256), Samples.projectDir()))
                .isInstanceOf(BundleException.class).hasMessageContaining("truncated");
    }
}
