package org.darkroom.magick;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.ImageType;
import org.darkroom.magick.op.MagickOp;
import org.darkroom.magick.op.Simple;

/**
 * The steps of an image flow in order, and how they become one ImageMagick command line.
 *
 * <p>Both file names are server-chosen and carry an explicit coder prefix, so neither the input's name nor its
 * bytes can select a coder. Metadata is stripped last unless {@code keepMetadata}, which is why the privacy promise
 * holds even when a step (or ImageMagick itself) would have carried a profile through.
 *
 * @param outputType the image type written; {@code null} only in {@link #rgbPixels}, whose pixels no door returns
 * @param decodeHint for JPEG input, a box ({@code WxH}) the decoder may shrink to while reading, or {@code null}
 */
public record ImagePlan(List<MagickOp> ops, ImageType outputType, Integer quality, boolean firstFrameOnly,
                        String decodeHint, boolean keepMetadata) {
    private static final Set<ImageType> MULTI_FRAME_OUTPUTS = EnumSet.of(ImageType.GIF, ImageType.WEBP, ImageType.TIFF);

    public ImagePlan {
        ops = List.copyOf(ops);
    }

    /** The coder of the raw pixels Darkroom reads itself; never an output a door returns, so not an {@link ImageType}. */
    private static final String PIXELS_CODER = "ppm";

    /**
     * The ImageMagick job that writes {@code input}'s first frame upright as raw 8-bit RGB pixels (binary PPM) to
     * {@code ppm}, metadata stripped: what the vision encoder reads. The job has no output type, as no door returns it.
     */
    public static MagickJob rgbPixels(AcceptedImage input, Path ppm) {
        ImagePlan plan = new ImagePlan(List.of(Simple.AUTO_ORIENT, Simple.OPAQUE_RGB8), null, null, true, null, false);
        return plan.job(input, PIXELS_CODER, ppm);
    }

    /**
     * The ImageMagick job that reads {@code input} and writes {@code output}; for JPEG XL, which ImageMagick 6 cannot
     * write, it writes a fast lossless PNG beside it that {@code cjxl} then encodes ({@code magick/tools}).
     */
    public MagickJob job(AcceptedImage input, Path output) {
        if (outputType == ImageType.JXL) {
            Path png = output.resolveSibling(output.getFileName() + ".png");
            // PNG quality 10: zlib level 1, no filter; the file lives for one cjxl run.
            MagickJob plain = new ImagePlan(ops, ImageType.PNG, 10, firstFrameOnly, decodeHint, keepMetadata)
                    .job(input, ImageType.PNG.coder(), png);
            return new MagickJob(plain.args(), output, ImageType.JXL, plain.shape(),
                    new MagickJob.Encoding(png, quality == null ? ImageOutput.DEFAULT_QUALITY : quality));
        }
        return job(input, outputType.coder(), output);
    }

    private MagickJob job(AcceptedImage input, String outputCoder, Path output) {
        boolean allFrames = !firstFrameOnly && input.header().frames() > 1 && MULTI_FRAME_OUTPUTS.contains(outputType);
        List<String> args = new ArrayList<>();
        if (shrinksOnDecode(input)) {
            args.addAll(List.of("-define", "jpeg:size=" + decodeHint));
        }
        // One frame unless the output can hold them all: a JPEG written from a GIF would otherwise become
        // out-0.jpg, out-1.jpg … instead of the one file the door expects.
        args.add(input.type().coder() + ":" + input.file() + (allFrames ? "" : "[0]"));
        if (allFrames) {
            Simple.COALESCE.appendTo(args);
        }
        ops.forEach(op -> op.appendTo(args));
        if (!keepMetadata) {
            Simple.STRIP.appendTo(args);
        }
        if (quality != null) {
            args.addAll(List.of("-quality", quality.toString()));
        }
        args.add(outputCoder + ":" + output);
        JobShape shape = JobShape.of(input.header(), ops, ops.contains(Simple.AUTO_ORIENT),
                allFrames ? input.header().frames() : 1);
        return new MagickJob(args, output, outputType, shape);
    }

    /**
     * Whether the JPEG decoder can shrink {@code input} to the hint: only when the hint is at most half its sides.
     * ImageMagick 6 divides the sides by the hint's and truncates, as libjpeg's scale denominator; below 2 that is 1
     * (no shrink, the hint is useless) or 0, which libjpeg takes as "enlarge twice": a 640×427 JPEG with a 512×512
     * hint was decoded at 1280×854, four times the pixels, and its thumbnail took 59 ms instead of 16.
     */
    private boolean shrinksOnDecode(AcceptedImage input) {
        if (decodeHint == null || input.type() != ImageType.JPEG) {
            return false;
        }
        String[] box = decodeHint.split("x");
        return input.header().width() >= 2L * Integer.parseInt(box[0])
                && input.header().height() >= 2L * Integer.parseInt(box[1]);
    }
}
