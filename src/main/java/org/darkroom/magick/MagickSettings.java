package org.darkroom.magick;

import java.nio.file.Path;
import org.darkroom.config.Settings;
import org.darkroom.intake.IntakeLimits;

/**
 * ImageMagick's settings ({@code darkroom.magick.*}): which binary runs under which policy, and how each process is
 * bounded.
 *
 * @param binary         the ImageMagick program, found when the settings are read
 * @param policyDir      the directory holding the {@code policy.xml} every process runs under
 * @param threads        threads per process ({@code -limit thread})
 * @param timeoutMillis  the most one process may run before it is killed
 * @param maxMemoryBytes the address space each process may use
 * @param recheckMillis  how often the running service checks that ImageMagick and its policy still work
 * @param toolsDir       where the outside decoders and encoders (rsvg-convert, dcraw_emu, djxl, cjxl) are looked for
 */
public record MagickSettings(Path binary, Path policyDir, int threads, long timeoutMillis, long maxMemoryBytes,
                             long recheckMillis, Path toolsDir) {

    /** @param home what a relative policy directory is taken from: the installation, not the start directory */
    public static MagickSettings read(Settings settings, Path home) {
        return new MagickSettings(MagickBinary.find(settings.text("darkroom.magick.binary").orElse(null)),
                settings.path("darkroom.magick.policy-dir", home), settings.positiveInt("darkroom.magick.threads"),
                settings.positiveLong("darkroom.magick.timeout-ms"), settings.bytes("darkroom.magick.max-memory"),
                settings.positiveLong("darkroom.magick.recheck-ms"), settings.path("darkroom.magick.tools-dir", home));
    }

    /** The clean environment of processes that keep their temporary files in {@code temporaryDir}. */
    public MagickEnvironment environment(Path temporaryDir, IntakeLimits limits) {
        return new MagickEnvironment(binary, policyDir, temporaryDir, threads,
                MagickEnvironment.timeLimitAbove(timeoutMillis), maxMemoryBytes, limits.maxFrames(),
                limits.maxPixels());
    }
}
