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
 * @param encoding   for a type ImageMagick cannot write (JPEG XL), the plain image it writes instead and what the
 *                   outside encoder then makes of it; {@code null} when ImageMagick writes {@code output} itself
 */
public record MagickJob(List<String> args, Path output, ImageType outputType, JobShape shape, Encoding encoding) {

    /**
     * The lossless image ImageMagick writes for an outside encoder, and the quality that encoder is asked for.
     *
     * @param written the PNG ImageMagick writes, beside the output
     * @param quality the encoder's quality, 1..100
     */
    public record Encoding(Path written, int quality) {
    }

    public MagickJob {
        args = List.copyOf(args);
    }

    public MagickJob(List<String> args, Path output, ImageType outputType, JobShape shape) {
        this(args, output, outputType, shape, null);
    }

    public MagickJob(List<String> args, Path output, ImageType outputType) {
        this(args, output, outputType, null, null);
    }

    /** The file ImageMagick itself writes. */
    public Path written() {
        return encoding == null ? output : encoding.written();
    }
}
