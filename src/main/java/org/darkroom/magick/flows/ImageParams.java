package org.darkroom.magick.flows;

import java.util.List;
import java.util.Set;
import org.darkroom.flow.Choice;
import org.darkroom.flow.Flag;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.IntRange;
import org.darkroom.flow.ParamSpec;
import org.darkroom.intake.ImageType;

/** Parameter declarations and output-format rules shared by the image-producing flows. */
public final class ImageParams {
    static final int MAX_SIDE = 16384;
    static final List<String> OUTPUT_FORMATS = List.of("jpeg", "png", "webp", "avif", "gif", "tiff");
    private static final Set<ImageType> LOSSY = Set.of(ImageType.JPEG, ImageType.WEBP, ImageType.AVIF, ImageType.HEIC);

    public static final ParamSpec FORMAT = ParamSpec.withDefault("format", choiceWithAuto(), "auto",
            "Output format; auto keeps JPEG, PNG, WebP, GIF and AVIF as they are and writes PNG for TIFF and BMP,"
                    + " JPEG for HEIC.");
    public static final ParamSpec QUALITY = ParamSpec.withDefault("quality", new IntRange(1, 100), 85,
            "Encoder quality for JPEG, WebP and AVIF output (1 = smallest, 100 = best).");
    static final ParamSpec KEEP_METADATA = ParamSpec.withDefault("keep_metadata", new Flag(), false,
            "Keep EXIF, XMP, ICC and comments in the output. Off by default: metadata can hold locations and"
                    + " private data.");

    private ImageParams() {
    }

    private static Choice choiceWithAuto() {
        String[] values = new String[OUTPUT_FORMATS.size() + 1];
        values[0] = "auto";
        for (int i = 0; i < OUTPUT_FORMATS.size(); i++) {
            values[i + 1] = OUTPUT_FORMATS.get(i);
        }
        return Choice.of(values);
    }

    /** The output type a {@code format} value selects for this input. */
    public static ImageType outputType(String format, ImageType input) {
        if (!"auto".equals(format)) {
            return ImageType.fromName(format).orElseThrow();
        }
        return switch (input) {
            case TIFF, BMP -> ImageType.PNG;
            case HEIC -> ImageType.JPEG;
            default -> input;
        };
    }

    /** The quality setting to pass, or {@code null} for formats where it would mean something else (PNG's zlib level). */
    public static Integer qualityFor(ImageType output, FlowParameters params) {
        return qualityFor(output, params.integer(QUALITY.name()).orElse(null));
    }

    /** {@code quality} when {@code output} is lossy, else {@code null}. */
    static Integer qualityFor(ImageType output, Integer quality) {
        return LOSSY.contains(output) ? quality : null;
    }
}
