package org.darkroom.magick.flows;

import java.util.List;
import org.darkroom.magick.ImageOutput;
import org.darkroom.flow.Choice;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowSpec;
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

/** {@code convert}: re-encode in another format at a chosen quality. */
public final class ConvertFlow implements MagickFlow {
    private static final ParamSpec FORMAT = ParamSpec.required("format", new Choice(ImageOutput.FORMATS),
            "The format to write.");
    private static final FlowSpec SPEC = new FlowSpec("convert",
            "Convert to JPEG, PNG, WebP, AVIF, GIF or TIFF at a chosen quality.",
            ParamSet.of(FORMAT, ImageOutput.QUALITY, ImageParams.KEEP_METADATA), OutputKind.IMAGE, MagickFlows.ROUTE);

    @Override
    public FlowSpec spec() {
        return SPEC;
    }

    @Override
    public MagickJob plan(AcceptedImage input, FlowParameters params) {
        ImageType output = ImageType.fromName(params.text(FORMAT.name()).orElseThrow()).orElseThrow();
        boolean keep = params.flag(ImageParams.KEEP_METADATA.name());
        List<MagickOp> ops = keep ? List.of() : List.of(Simple.AUTO_ORIENT);
        ImagePlan plan = new ImagePlan(ops, output, ImageOutput.quality(output, params), false, null, keep);
        return plan.job(input, input.jobDir().resolve("output." + output.extension()));
    }
}
