package org.darkroom.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Map;
import org.darkroom.testing.RunningDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every package's settings are checked before the start claims anything, so a wrong value is what a refused start
 * names even where the machine would also refuse it: trying a new configuration beside a running service shows the
 * typo, not the lock the running service holds.
 */
class SettingsBeforeClaimsTest {
    @TempDir
    Path dir;

    @Test
    void a_wrong_setting_is_named_before_the_data_directory_lock_is_tried() throws Exception {
        Path data = dir.resolve("data");
        try (RunningDarkroom running = RunningDarkroom.start(data, Map.of("darkroom.doors", "inbox"))) {
            Throwable thrown = catchThrowable(() -> RunningDarkroom.start(data,
                    Map.of("darkroom.doors", "inbox", "darkroom.magick.timeout-ms", "soon")).close());

            assertThat(StartupFailure.of(thrown)).isEqualTo(new StartupFailure(
                    "Setting darkroom.magick.timeout-ms must be a positive whole number, not 'soon'.",
                    StartupFailure.SETTINGS));
        }
    }
}
