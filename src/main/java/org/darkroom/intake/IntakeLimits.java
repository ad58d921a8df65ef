package org.darkroom.intake;

import org.darkroom.config.Settings;

/**
 * The limits every input must meet before any ImageMagick process starts.
 *
 * @param maxBytes  the largest input accepted, in bytes
 * @param maxPixels the most pixels in any one frame, read from the header before decoding
 * @param maxFrames the most frames or pages in one input
 */
public record IntakeLimits(long maxBytes, long maxPixels, int maxFrames) {

    public IntakeLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxFrames <= 0) {
            throw new IllegalArgumentException("Intake limits must be positive: " + maxBytes + ", " + maxPixels
                    + ", " + maxFrames);
        }
    }

    /** The limits {@code darkroom.limits.max-bytes}, {@code max-pixels} and {@code max-frames} set. */
    public static IntakeLimits read(Settings settings) {
        return new IntakeLimits(settings.bytes("darkroom.limits.max-bytes"),
                settings.positiveLong("darkroom.limits.max-pixels"), settings.positiveInt("darkroom.limits.max-frames"));
    }
}
