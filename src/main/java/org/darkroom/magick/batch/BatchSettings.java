package org.darkroom.magick.batch;

import org.darkroom.config.Settings;

/** Reads how large a drop folder's shared ImageMagick process may grow ({@code darkroom.drop.batch.*}). */
public final class BatchSettings {
    public static final String MAX_FILES = "darkroom.drop.batch.max-files";

    private BatchSettings() {
    }

    public static BatchBounds read(Settings settings) {
        return new BatchBounds(settings.positiveInt(MAX_FILES), settings.positiveLong("darkroom.drop.batch.max-bytes"),
                settings.positiveLong("darkroom.drop.batch.max-pixels"));
    }
}
