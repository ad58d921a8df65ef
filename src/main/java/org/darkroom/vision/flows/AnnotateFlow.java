package org.darkroom.vision.flows;

import ai.onnxruntime.OnnxTensor;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.Choice;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.OutputKind;
import org.darkroom.flow.ParamSet;
import org.darkroom.flow.ParamSpec;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.ImageType;
import org.darkroom.magick.ImagePlan;
import org.darkroom.magick.MagickFlow;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.flows.ImageParams;
import org.darkroom.magick.op.DrawBoxes;
import org.darkroom.magick.op.Simple;
import org.darkroom.vision.service.VisionModel;

/**
 * {@code annotate}: {@code detect}, then ImageMagick outlines the boxes on the upright image. Returns the image and
 * the boxes.
 */
final class AnnotateFlow implements VisionFlow {
    static final String ROUTE = "direct:annotate-flow";
    private static final ParamSpec COLOR = ParamSpec.withDefault("color", Choice.of(DrawBoxes.COLORS.toArray(String[]::new)),
            "red", "The colour of the box outlines.");
    private final DetectFlow detect;
    private final FlowSpec spec;

    AnnotateFlow(DetectFlow detect, FlowSpec.Availability availability) {
        this.detect = detect;
        spec = new FlowSpec("annotate", "Find an object with the vision model and outline it on the image: returns"
                + " the annotated image and the boxes.", ParamSet.of(RegionParams.OBJECT, RegionParams.MAX_BOXES,
                COLOR, ImageParams.FORMAT, ImageParams.QUALITY), OutputKind.IMAGE_AND_JSON, ROUTE, "annotate_image",
                availability);
    }

    @Override
    public FlowSpec spec() {
        return spec;
    }

    @Override
    public Answer answer(VisionModel model, OnnxTensor image, FlowParameters params, int maxTokens)
            throws Exception {
        return detect.answer(model, image, params, maxTokens);
    }

    /**
     * The ImageMagick command that outlines the boxes of {@code detection} (this flow's answer) on the image, whose
     * upright size is {@code width} × {@code height}.
     */
    MagickJob draw(AcceptedImage input, FlowParameters params, Map<String, Object> detection, int width, int height) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> boxes = (List<Map<String, Object>>) detection.get("boxes");
        // Thin enough not to hide small objects, thick enough to see on a large photo.
        int stroke = Math.max(2, Math.round(Math.min(width, height) / 250f));
        List<int[]> pixels = boxes.stream().map(box -> new int[] {
                pixel(box.get("x_min"), width), pixel(box.get("y_min"), height),
                pixel(box.get("x_max"), width), pixel(box.get("y_max"), height)}).toList();
        ImageType output = ImageParams.outputType(params.text(ImageParams.FORMAT.name()).orElseThrow(), input.type());
        ImagePlan plan = new ImagePlan(List.of(Simple.AUTO_ORIENT,
                new DrawBoxes(pixels, params.text(COLOR.name()).orElseThrow(), stroke)),
                output, ImageParams.qualityFor(output, params), true, null, false);
        return plan.job(input, input.jobDir().resolve("annotated." + output.extension()));
    }

    /** The annotated image, described like any image output, with the boxes drawn on it. */
    FlowResult result(MagickJob job, Map<String, Object> detection) {
        Map<String, Object> output = MagickFlow.describeOutput(job);
        output.putAll(detection);
        return new FlowResult(job.output(), job.outputType().extension(), job.outputType().mimeType(), output);
    }

    private static int pixel(Object fraction, int size) {
        return (int) Math.min(size - 1, Math.max(0, Math.round(((Number) fraction).doubleValue() * size)));
    }
}
