package org.darkroom.magick.flows;

import static org.darkroom.flow.JsonSchema.described;
import static org.darkroom.flow.JsonSchema.object;
import static org.darkroom.flow.JsonSchema.props;
import static org.darkroom.flow.JsonSchema.type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.OutputKind;
import org.darkroom.flow.ParamSet;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.magick.MagickFlow;
import org.darkroom.magick.MagickJob;

/**
 * {@code info}: describes an image as JSON without writing one.
 *
 * <p>ImageMagick only pings the first frame (reads headers and profiles, decodes no pixels); the frame count
 * comes from Darkroom's own header reader. The metadata summary names what is present and the common camera
 * fields, but never GPS coordinates: it says only whether a location is embedded.
 */
public final class InfoFlow implements MagickFlow {
    private static final char SEPARATOR = '\u001f';
    private static final List<String> FIELDS = List.of("format", "width", "height", "colorspace", "alpha",
            "orientation", "depth", "exif", "tiff");
    // TIFF's own Make and Model tags: where a camera raw's developer (and many scanners) record the camera.
    private static final String FORMAT = String.join(String.valueOf(SEPARATOR),
            "%m", "%w", "%h", "%[colorspace]", "%A", "%[orientation]", "%z", "%[exif:*]", "%[tiff:*]");
    private static final FlowSpec SPEC = new FlowSpec("info",
            "Describe an image: format, size, frames, colorspace, alpha, orientation and a metadata summary.",
            ParamSet.of(), OutputKind.JSON, MagickFlows.ROUTE, "image_info").withResult(resultSchema());

    /** Field for field what {@link #result} writes. */
    private static Map<String, Object> resultSchema() {
        Map<String, Object> orientation = described("string", "The EXIF orientation by name, e.g. TopLeft;"
                + " Undefined when the image says none.");
        return object(props(
                "format", described("string", "The type read from the bytes, by ImageMagick's name."),
                "mime_type", type("string"),
                "width", type("integer"),
                "height", type("integer"),
                "frames", type("integer"),
                "colorspace", described("string", "ImageMagick's name for it, e.g. sRGB, Gray, CMYK."),
                "alpha", described("boolean", "Whether the image has an alpha channel."),
                "orientation", orientation,
                "bit_depth", described("integer", "Bits per channel."),
                "metadata", MetadataSummary.schema()),
                "format", "mime_type", "width", "height", "frames", "colorspace", "alpha", "orientation",
                "bit_depth", "metadata");
    }

    @Override
    public FlowSpec spec() {
        return SPEC;
    }

    @Override
    public MagickJob plan(AcceptedImage input, FlowParameters params) {
        var output = input.jobDir().resolve("info.txt");
        return new MagickJob(List.of("-ping", input.type().coder() + ":" + input.file() + "[0]",
                "-format", FORMAT, "info:" + output), output, null);
    }

    @Override
    public FlowResult result(MagickJob job, AcceptedImage input) {
        String text;
        try {
            text = Files.readString(job.output(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> values = new ArrayList<>(List.of(text.split(String.valueOf(SEPARATOR), -1)));
        while (values.size() < FIELDS.size()) {
            values.add("");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("format", input.sourceType().coder());
        info.put("mime_type", input.sourceType().mimeType());
        info.put("width", Integer.parseInt(values.get(1).trim()));
        info.put("height", Integer.parseInt(values.get(2).trim()));
        info.put("frames", input.header().frames());
        info.put("colorspace", values.get(3).trim());
        info.put("alpha", !values.get(4).trim().equalsIgnoreCase("False")
                && !values.get(4).trim().equalsIgnoreCase("Undefined"));
        info.put("orientation", values.get(5).trim());
        info.put("bit_depth", Integer.parseInt(values.get(6).trim()));
        info.put("metadata", MetadataSummary.of(values.get(7), values.get(8)));
        return new FlowResult(null, null, null, info);
    }
}
