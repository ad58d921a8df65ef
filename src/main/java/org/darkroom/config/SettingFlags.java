package org.darkroom.config;

import java.util.Map;
import java.util.Optional;

/** The command-line flags that set a setting; a bad value is reported under both names. */
public final class SettingFlags {
    /** Each flag and the setting it sets. */
    public static final Map<String, String> FLAGS = Map.of(
            "--data", "darkroom.data",
            "--magick", "darkroom.magick.binary",
            "--workers", "darkroom.workers",
            "--model", "darkroom.model",
            "--model-sha256", "darkroom.model-sha256",
            "--host", "darkroom.http.host",
            "--port", "darkroom.http.port");

    private SettingFlags() {
    }

    /** The flag that sets {@code key}, for messages about its value. */
    public static Optional<String> flagFor(String key) {
        return FLAGS.entrySet().stream().filter(entry -> entry.getValue().equals(key)).map(Map.Entry::getKey)
                .findFirst();
    }
}
