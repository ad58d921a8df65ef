package org.darkroom.magick.flows;

import java.util.ArrayList;
import java.util.List;
import org.darkroom.magick.ImageOutput;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.Operation;
import org.darkroom.flow.OutputKind;
import org.darkroom.flow.ParamSet;
import org.darkroom.flow.ParamSpec;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.ImageType;
import org.darkroom.magick.ImagePlan;
import org.darkroom.magick.MagickFlow;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.op.MagickOp;
import org.darkroom.magick.op.Simple;

/** {@code transform}: an ordered list of typed operations, each mapped to fixed ImageMagick arguments. */
public final class TransformFlow implements MagickFlow {
    private static final ParamSpec OPERATIONS = ParamSpec.required("operations", TransformOperations.type(),
            "Steps applied in order, e.g. [{\"op\":\"resize\",\"width\":800},{\"op\":\"grayscale\"}] or, in"
                    + " configuration, 'resize width=800; grayscale'.");
    private static final FlowSpec SPEC = new FlowSpec("transform",
            "Apply an ordered list of operations: auto-orient, resize, crop, rotate, flip, flop, grayscale, blur,"
                    + " sharpen, strip, quality, format.",
            ParamSet.of(OPERATIONS, ImageParams.KEEP_METADATA), OutputKind.IMAGE, MagickFlows.ROUTE);

    @Override
    public FlowSpec spec() {
        return SPEC;
    }

    @Override
    public MagickJob plan(AcceptedImage input, FlowParameters params) {
        boolean keep = params.flag(ImageParams.KEEP_METADATA.name());
        List<MagickOp> ops = new ArrayList<>();
        if (!keep) {
            // Stripping drops the orientation tag; turning the pixels upright first keeps the picture's look.
            ops.add(Simple.AUTO_ORIENT);
        }
        ImageType output = ImageOutput.type("auto", input.sourceType());
        Integer quality = null;
        for (Operation operation : params.operations(OPERATIONS.name())) {
            switch (operation.name()) {
                case TransformOperations.QUALITY -> quality = operation.arguments().integer("value").orElseThrow();
                case TransformOperations.FORMAT -> output = ImageType.fromName(
                        operation.arguments().text("type").orElseThrow()).orElseThrow();
                default -> ops.add(TransformOperations.map(operation));
            }
        }
        ImagePlan plan = new ImagePlan(ops, output, ImageOutput.quality(output, quality), false, null, keep);
        return plan.job(input, input.jobDir().resolve("output." + output.extension()));
    }
}
