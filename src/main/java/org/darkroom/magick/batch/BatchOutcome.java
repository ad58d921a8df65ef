package org.darkroom.magick.batch;

import org.darkroom.flow.DarkroomException;
import org.darkroom.magick.MagickJob;

/**
 * What became of one job of a batch.
 *
 * @param job    the job, as it was passed in
 * @param result whether its output is done, or the job must run alone, or not now
 * @param error  for {@link Result#NOT_READY}, the {@code not_ready} error the single path would have thrown (the stop's,
 *               or {@code OutOfSpace}); {@code null} otherwise
 */
public record BatchOutcome(MagickJob job, Result result, DarkroomException error) {

    /** The three ends of a job in a batch. */
    public enum Result {
        /** Its output is at {@code job.output()}, byte for byte what the single path writes. */
        DONE,
        /** The batch failed or could not run: nothing of it was kept; run this job through the single path. */
        RUN_ALONE,
        /** A stop or a full disk ended the batch: the job's input stays where it is, as for a single job. */
        NOT_READY
    }

    static BatchOutcome done(MagickJob job) {
        return new BatchOutcome(job, Result.DONE, null);
    }

    static BatchOutcome runAlone(MagickJob job) {
        return new BatchOutcome(job, Result.RUN_ALONE, null);
    }

    static BatchOutcome notReady(MagickJob job, DarkroomException error) {
        return new BatchOutcome(job, Result.NOT_READY, error);
    }
}
