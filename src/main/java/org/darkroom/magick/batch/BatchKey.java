package org.darkroom.magick.batch;

import java.util.List;
import java.util.Optional;
import org.darkroom.magick.MagickJob;

/**
 * Whether and with whom a planned job can share a {@code mogrify} process. Two jobs share one only when their keys
 * are equal: the same steps with the same values, the same output type and, for JPEG inputs, the same decode hint;
 * inputs may differ in type. A job has no key when mogrify could not run it exactly as the single path does: jobs
 * without an image output ({@code info}'s text, the vision encoder's pixels), jobs that keep every frame of an
 * animation, and jobs with any option not known to behave alike in both (see {@link BatchableJob}).
 *
 * @param operations     the options between the input and the output, in order, as the single path passes them
 * @param outputCoder    the coder of the output, given to mogrify as {@code -format}
 * @param jpegDecodeHint the {@code jpeg:size} box a JPEG input is decoded at, or {@code null}
 */
public record BatchKey(List<String> operations, String outputCoder, String jpegDecodeHint) {

    public BatchKey {
        operations = List.copyOf(operations);
    }

    /** The key of {@code job}, or empty when it must run alone. */
    public static Optional<BatchKey> of(MagickJob job) {
        return BatchableJob.of(job).map(BatchableJob::key);
    }
}
