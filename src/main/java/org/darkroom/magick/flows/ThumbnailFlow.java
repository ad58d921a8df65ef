package org.darkroom.magick.flows;

import java.util.List;
import org.darkroom.magick.ImageOutput;
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
import org.darkroom.magick.op.Simple;
import org.darkroom.magick.op.Thumbnail;

/** {@code thumbnail}: fit in a box, upright, no metadata, never enlarged; JPEGs are decoded at reduced size. */
public final class ThumbnailFlow implements MagickFlow {
    private static final ParamSpec WIDTH = ParamSpec.withDefault("width", new IntRange(1, 4096), 256,
            "Largest width of the thumbnail, in pixels.");
    private static final ParamSpec HEIGHT = ParamSpec.withDefault("height", new IntRange(1, 4096), 256,
            "Largest height of the thumbnail, in pixels.");
    private static final FlowSpec SPEC = new FlowSpec("thumbnail",
            "Make a small preview that fits in a box (default 256×256), upright and without metadata.",
            ParamSet.of(WIDTH, HEIGHT, ImageOutput.FORMAT, ImageOutput.QUALITY), OutputKind.IMAGE, MagickFlows.ROUTE);

    @Override
    public FlowSpec spec() {
        return SPEC;
    }

    @Override
    public MagickJob plan(AcceptedImage input, FlowParameters params) {
        int width = params.integer(WIDTH.name()).orElseThrow();
        int height = params.integer(HEIGHT.name()).orElseThrow();
        ImageType output = ImageOutput.type(params, input.sourceType());
        // libjpeg can scale by 1/2, 1/4 or 1/8 while decoding; asking for twice the box keeps enough pixels for a
        // clean downsample whatever the orientation, and is what lets a 12 MP JPEG cost a fraction of a full decode.
        int hint = 2 * Math.max(width, height);
        ImagePlan plan = new ImagePlan(List.of(Simple.AUTO_ORIENT, new Thumbnail(width, height)), output,
                ImageOutput.quality(output, params), true, hint + "x" + hint, false);
        return plan.job(input, input.jobDir().resolve("output." + output.extension()));
    }
}
