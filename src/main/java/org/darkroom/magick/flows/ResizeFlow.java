package org.darkroom.magick.flows;

import java.util.List;
import org.darkroom.magick.ImageOutput;
import org.darkroom.flow.Choice;
import org.darkroom.flow.Flag;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.IntRange;
import org.darkroom.flow.OutputKind;
import org.darkroom.flow.ParamSet;
import org.darkroom.flow.ParamSpec;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.ImageType;
import org.darkroom.magick.ImagePlan;
import org.darkroom.magick.MagickFlow;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.op.Resize;
import org.darkroom.magick.op.Simple;

/** {@code resize}: to a width and/or height, with a fit mode, enlarging only when asked. */
public final class ResizeFlow implements MagickFlow {
    static final ParamSpec WIDTH = ParamSpec.optional("width", new IntRange(1, ImageParams.MAX_SIDE),
            "Target width in pixels. Give a width, a height, or both.");
    static final ParamSpec HEIGHT = ParamSpec.optional("height", new IntRange(1, ImageParams.MAX_SIDE),
            "Target height in pixels. Give a width, a height, or both.");
    static final ParamSpec FIT = ParamSpec.withDefault("fit", Choice.of("inside", "cover", "fill"), "inside",
            "inside: keep proportions within the box; cover: fill the box and crop the centre; fill: stretch.");
    static final ParamSpec UPSCALE = ParamSpec.withDefault("upscale", new Flag(), false,
            "Enlarge images smaller than the target. Off: small images keep their size.");
    private static final FlowSpec SPEC = new FlowSpec("resize",
            "Resize to a width and/or height: fit inside, cover (centre crop) or fill; enlarge only when asked.",
            ParamSet.of(WIDTH, HEIGHT, FIT, UPSCALE, ImageOutput.FORMAT, ImageOutput.QUALITY,
                    ImageParams.KEEP_METADATA), OutputKind.IMAGE, MagickFlows.ROUTE);

    @Override
    public FlowSpec spec() {
        return SPEC;
    }

    @Override
    public MagickJob plan(AcceptedImage input, FlowParameters params) {
        Resize resize = resize(params);
        ImageType output = ImageOutput.type(params, input.sourceType());
        boolean keep = params.flag(ImageParams.KEEP_METADATA.name());
        // Stripping metadata also drops the orientation tag, so the pixels must be turned upright first.
        List<org.darkroom.magick.op.MagickOp> ops = keep ? List.of(resize) : List.of(Simple.AUTO_ORIENT, resize);
        ImagePlan plan = new ImagePlan(ops, output, ImageOutput.quality(output, params), false, null, keep);
        return plan.job(input, input.jobDir().resolve("output." + output.extension()));
    }

    /** The resize step these parameters describe (shared with {@code transform}'s resize operation). */
    static Resize resize(FlowParameters params) {
        return new Resize(params.integer(WIDTH.name()).orElse(null), params.integer(HEIGHT.name()).orElse(null),
                params.text(FIT.name()).orElseThrow(), params.flag(UPSCALE.name()));
    }
}
