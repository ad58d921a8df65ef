package org.darkroom.magick.tools;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.darkroom.intake.ImageType;

/**
 * The outside decoders, one per input type ImageMagick never reads itself, all run under ImageMagick's discipline
 * ({@link Decoding}).
 *
 * <ul>
 * <li>SVG: librsvg's {@code rsvg-convert}, the document on stdin so no reference has a base to resolve against, at
 * the size intake read and limited.</li>
 * <li>Camera raw: LibRaw's {@code dcraw_emu}, developed with the camera's white balance into sRGB, written as an
 * 8-bit TIFF. LibRaw develops the sensor data; it never hands on the embedded preview.</li>
 * <li>JPEG XL: libjxl's {@code djxl}, to PNG, one thread (a worker permit is one core).</li>
 * </ul>
 */
public final class Decoders {
    private final Map<ImageType, Decoder> byType;

    public Decoders(List<Decoder> decoders) {
        this.byType = decoders.stream().collect(Collectors.toUnmodifiableMap(Decoder::input, d -> d));
    }

    /** The decoders, looked for in {@code toolsDir} ({@code darkroom.magick.tools-dir}, Debian's {@code /usr/bin}). */
    public static Decoders in(Path toolsDir) {
        return new Decoders(List.of(
                new Decoder(ImageType.SVG, toolsDir.resolve("rsvg-convert"), "librsvg2-bin", ImageType.PNG, true,
                        (input, output) -> List.of("--format=png", "--width=" + input.header().width(),
                                "--height=" + input.header().height(), "--output=" + output),
                        Decoder.SizeRule.EXACT),
                new Decoder(ImageType.RAW, toolsDir.resolve("dcraw_emu"), "libraw-bin", ImageType.TIFF, false,
                        (input, output) -> List.of("-w", "-o", "1", "-T", "-Z", output.toString(),
                                input.file().toString()),
                        Decoder.SizeRule.WITHIN_HEADER),
                new Decoder(ImageType.JXL, toolsDir.resolve("djxl"), "libjxl-tools", ImageType.PNG, false,
                        (input, output) -> List.of(input.file().toString(), output.toString(), "--num_threads=1"),
                        Decoder.SizeRule.EXACT_OR_TURNED)));
    }

    /** For the start-up log: each type and whether its decoder is here, e.g. {@code svg (rsvg-convert) on}. */
    public String describe() {
        return byType.values().stream().sorted(Comparator.comparing(Decoder::input))
                .map(d -> d.input().coder() + " (" + d.name() + ") " + (d.installed() ? "on" : "off, install "
                        + d.debianPackage()))
                .collect(Collectors.joining(", "));
    }

    /** The decoder for inputs of {@code type}, if ImageMagick must not read that type itself. */
    public Optional<Decoder> forType(ImageType type) {
        return Optional.ofNullable(byType.get(type));
    }
}
