package org.darkroom.magick;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.darkroom.flow.Choice;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.IntRange;
import org.darkroom.flow.ParamSpec;
import org.darkroom.intake.HeaderReader;
import org.darkroom.intake.ImageHeader;
import org.darkroom.intake.ImageType;

/**
 * The image a flow returns, as every image-producing flow declares and describes it (ImageMagick's and annotate's
 * alike): the {@code format} and {@code quality} parameters, the type and quality they select, and the record of
 * the written image.
 */
public final class ImageOutput {
    /** The types a flow may write, by their parameter names. */
    public static final List<String> FORMATS = List.of("jpeg", "png", "webp", "avif", "gif", "tiff", "jxl");
    /** The format only an outside encoder writes; it leaves the catalog when that encoder is missing. */
    public static final String ENCODED_OUTSIDE = "jxl";
    /** The quality a lossy output gets when the caller names none. */
    public static final int DEFAULT_QUALITY = 85;
    private static final Set<ImageType> LOSSY = Set.of(ImageType.JPEG, ImageType.WEBP, ImageType.AVIF, ImageType.HEIC,
            ImageType.JXL);

    public static final ParamSpec FORMAT = ParamSpec.withDefault("format", choiceWithAuto(), "auto",
            "Output format; auto keeps JPEG, PNG, WebP, GIF and AVIF as they are and writes PNG for TIFF, BMP, SVG"
                    + " and JPEG XL, JPEG for HEIC and camera raw; over HTTP, auto writes AVIF (a still image) or"
                    + " WebP when the Accept header names it.");
    public static final ParamSpec QUALITY = ParamSpec.withDefault("quality", new IntRange(1, 100), DEFAULT_QUALITY,
            "Encoder quality for JPEG, WebP, AVIF and JPEG XL output (1 = smallest, 100 = best; JPEG XL 100 is"
                    + " lossless).");

    private ImageOutput() {
    }

    private static Choice choiceWithAuto() {
        String[] values = new String[FORMATS.size() + 1];
        values[0] = "auto";
        for (int i = 0; i < FORMATS.size(); i++) {
            values[i + 1] = FORMATS.get(i);
        }
        return Choice.of(values);
    }

    /** The output type the {@link #FORMAT} parameter selects for an input of this type (as it was sent). */
    public static ImageType type(FlowParameters params, ImageType input) {
        return type(params.text(FORMAT.name()).orElseThrow(), input);
    }

    /** The output type a {@code format} value selects for this input. */
    public static ImageType type(String format, ImageType input) {
        if (!"auto".equals(format)) {
            return ImageType.fromName(format).orElseThrow();
        }
        return switch (input) {
            case TIFF, BMP, SVG, JXL -> ImageType.PNG;
            case HEIC, RAW -> ImageType.JPEG;
            default -> input;
        };
    }

    /** The quality setting to pass, or {@code null} for formats where it would mean something else (PNG's zlib level). */
    public static Integer quality(ImageType output, FlowParameters params) {
        return quality(output, params.integer(QUALITY.name()).orElse(null));
    }

    /** {@code quality} when {@code output} is lossy, else {@code null}. */
    public static Integer quality(ImageType output, Integer quality) {
        return LOSSY.contains(output) ? quality : null;
    }

    /** A flow's result for the image {@code job} wrote: the file, and its record followed by {@code extra}. */
    public static FlowResult result(MagickJob job, Map<String, Object> extra) {
        Map<String, Object> record = describe(job);
        record.putAll(extra);
        return new FlowResult(job.output(), job.outputType().extension(), job.outputType().mimeType(), record);
    }

    /** The record of an image a job wrote: type, bytes, width and height (frames when more than one). */
    public static Map<String, Object> describe(MagickJob job) {
        ImageHeader header = HeaderReader.read(job.output(), job.outputType());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("type", job.outputType().coder());
        output.put("bytes", job.output().toFile().length());
        output.put("width", header.width());
        output.put("height", header.height());
        if (header.frames() > 1) {
            output.put("frames", header.frames());
        }
        return output;
    }
}
