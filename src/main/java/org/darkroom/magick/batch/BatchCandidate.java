package org.darkroom.magick.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.darkroom.magick.MagickJob;

/**
 * A planned job that may share a process, with what the bounds weigh it by, read once before it waits: deciding
 * who joins a batch then reads no file, so it cannot fail halfway through taking jobs off the queue.
 *
 * @param inputBytes the size of its input file
 * @param pixels     the largest image its plan holds ({@code JobShape.largestImage})
 */
record BatchCandidate(BatchableJob batchable, long inputBytes, long pixels) {

    /** The job as a candidate; empty when mogrify cannot run it or its input cannot be read (it then runs alone). */
    static Optional<BatchCandidate> of(MagickJob job) {
        Optional<BatchableJob> batchable = BatchableJob.of(job);
        if (batchable.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BatchCandidate(batchable.get(), Files.size(batchable.get().input()),
                    job.shape().largestImage()));
        } catch (IOException e) {
            // The single path meets the same file and gives it its own error.
            return Optional.empty();
        }
    }

    MagickJob job() {
        return batchable.job();
    }

    BatchKey key() {
        return batchable.key();
    }
}
