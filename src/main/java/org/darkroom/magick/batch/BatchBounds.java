package org.darkroom.magick.batch;

import java.util.List;

/**
 * How large one batch may grow: by files, by the bytes of their inputs and by the pixels their steps make. One
 * process runs the files in turn, so the count and pixels bound how long a file may wait for the batch (and how
 * much a failed batch costs to redo one by one), and the bytes bound what one process reads.
 *
 * <p>The pixels of a job are the largest image its plan holds ({@code JobShape.largestImage}): a 12 MP JPEG decoded
 * at a reduced size for a thumbnail counts only what it decodes to.
 *
 * @param maxJobs        the most files in one process
 * @param maxInputBytes  the most input bytes in one process, all files together
 * @param maxPixels      the most pixels in one process, the largest image of each file added up
 */
public record BatchBounds(int maxJobs, long maxInputBytes, long maxPixels) {

    public BatchBounds {
        if (maxJobs < 1 || maxInputBytes < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("Batch bounds must be positive: " + maxJobs + ", " + maxInputBytes
                    + ", " + maxPixels);
        }
    }

    /**
     * Whether {@code next} may join {@code batch} within these bounds. An empty batch takes any job, so a file
     * beyond the bounds on its own still runs, alone.
     */
    boolean admits(List<BatchCandidate> batch, BatchCandidate next) {
        if (batch.isEmpty()) {
            return true;
        }
        if (batch.size() + 1 > maxJobs) {
            return false;
        }
        long bytes = next.inputBytes();
        long pixels = next.pixels();
        for (BatchCandidate job : batch) {
            bytes += job.inputBytes();
            pixels += job.pixels();
        }
        return bytes <= maxInputBytes && pixels <= maxPixels;
    }
}
