package org.darkroom.magick;

import java.nio.file.Path;
import java.util.List;
import org.darkroom.intake.ImageType;

/**
 * One ImageMagick invocation, fully decided before it runs.
 *
 * @param args       the arguments after the binary, built only from typed values and server-chosen paths
 * @param output     the file the command writes, inside the job directory
 * @param outputType the image type written, or {@code null} when it is no image a door returns (the text of {@code info}, the vision encoder's pixels)
 * @param shape      what the job will hold and do, when it was planned from a header and steps; {@code null} for
 *                   commands that decode no more than the input (ImageMagick then gets only the configured limits)
 */
public record MagickJob(List<String> args, Path output, ImageType outputType, JobShape shape) {

    public MagickJob {
        args = List.copyOf(args);
    }

    public MagickJob(List<String> args, Path output, ImageType outputType) {
        this(args, output, outputType, null);
    }
}
