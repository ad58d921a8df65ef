package org.darkroom.magick;

import java.util.Map;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;
import org.darkroom.intake.AcceptedImage;

/** A flow carried out by one ImageMagick command: its declaration, its plan, and how its output is read back. */
public interface MagickFlow {

    FlowSpec spec();

    /** Decides the command for this input; throws {@code bad_parameter} for combinations the types cannot express. */
    MagickJob plan(AcceptedImage input, FlowParameters params);

    /** Reads the finished output back; image flows describe the image they wrote. */
    default FlowResult result(MagickJob job, AcceptedImage input) {
        return ImageOutput.result(job, Map.of());
    }
}
