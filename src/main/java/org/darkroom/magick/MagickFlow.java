package org.darkroom.magick;

import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.HeaderReader;
import org.darkroom.intake.ImageHeader;

/** A flow carried out by one ImageMagick command: its declaration, its plan, and how its output is read back. */
public interface MagickFlow {

    FlowSpec spec();

    /** Decides the command for this input; throws {@code bad_parameter} for combinations the types cannot express. */
    MagickJob plan(AcceptedImage input, FlowParameters params);

    /** Reads the finished output back; image flows describe the image they wrote. */
    default FlowResult result(MagickJob job, AcceptedImage input) {
        return new FlowResult(job.output(), job.outputType().extension(), job.outputType().mimeType(),
                describeOutput(job));
    }

    /** The record of an image a job wrote: type, bytes, width and height (frames when more than one). */
    static Map<String, Object> describeOutput(MagickJob job) {
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
