package org.darkroom.vision.flows;

import java.util.List;
import java.util.Map;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.ImageType;
import org.darkroom.magick.ImageOutput;
import org.darkroom.magick.ImagePlan;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.op.DrawBoxes;
import org.darkroom.magick.op.Simple;

/** {@code annotate}'s image: ImageMagick outlines the boxes detect found on the upright image. */
final class BoxDrawing {
    private BoxDrawing() {
    }

    /**
     * The ImageMagick job that outlines the boxes of {@code detection} (detect's answer) on the image, whose upright
     * size is {@code width} × {@code height}.
     */
    static MagickJob job(AcceptedImage input, FlowParameters params, Map<String, Object> detection, int width,
                         int height) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> boxes = (List<Map<String, Object>>) detection.get("boxes");
        // Thin enough not to hide small objects, thick enough to see on a large photo.
        int stroke = Math.max(2, Math.round(Math.min(width, height) / 250f));
        List<int[]> pixels = boxes.stream().map(box -> new int[] {
                pixel(box.get("x_min"), width), pixel(box.get("y_min"), height),
                pixel(box.get("x_max"), width), pixel(box.get("y_max"), height)}).toList();
        ImageType output = ImageOutput.type(params, input.sourceType());
        ImagePlan plan = new ImagePlan(List.of(Simple.AUTO_ORIENT,
                new DrawBoxes(pixels, params.text(VisionCatalog.COLOR.name()).orElseThrow(), stroke)),
                output, ImageOutput.quality(output, params), true, null, false);
        return plan.job(input, input.jobDir().resolve("annotated." + output.extension()));
    }

    /** The annotated image, described like any image output, with the boxes drawn on it. */
    static FlowResult result(MagickJob job, Map<String, Object> detection) {
        return ImageOutput.result(job, detection);
    }

    private static int pixel(Object fraction, int size) {
        return (int) Math.min(size - 1, Math.max(0, Math.round(((Number) fraction).doubleValue() * size)));
    }
}
