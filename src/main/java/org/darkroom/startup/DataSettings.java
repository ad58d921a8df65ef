package org.darkroom.startup;

import java.nio.file.Path;
import org.darkroom.config.Settings;

/**
 * The data directory ({@code darkroom.data}) and how full its file system may get ({@code darkroom.data.*}).
 *
 * @param dir             the directory as configured, before it is opened
 * @param minFreeBytes    the room below which no job starts
 * @param fullRetryMillis how long no job starts after one ran out of space
 */
public record DataSettings(Path dir, long minFreeBytes, long fullRetryMillis) {

    /** @param startDir what a relative data directory is taken from */
    public static DataSettings read(Settings settings, Path startDir) {
        return new DataSettings(settings.path("darkroom.data", startDir), settings.bytes("darkroom.data.min-free"),
                settings.positiveLong("darkroom.data.full-retry-ms"));
    }
}
