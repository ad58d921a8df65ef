package org.darkroom.magick;

import java.util.Locale;
import java.util.Optional;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DiskSpace;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.GracefulStop;
import org.darkroom.flow.OutOfSpace;

/**
 * Whether an ImageMagick process may start, and whether one that ended badly is no fault of its inputs: a stop
 * ended it, or it could not write for want of space. Such jobs are {@code not_ready}; their inputs stay in their
 * inbox and may be sent again. Shared by the single-job and the batch runner.
 */
public final class UnfinishedRun {
    private final GracefulStop stop;
    private final DiskSpace disk;

    public UnfinishedRun(GracefulStop stop, DiskSpace disk) {
        this.stop = stop;
        this.disk = disk;
    }

    /**
     * Throws {@code not_ready} when no process may start. Checked once the worker permit is held: a job that waited
     * for one through the start of a stop, or while the disk filled up, does not start.
     */
    public void requireStartable() {
        stop.requireRunning();
        disk.requireRoom();
    }

    /** The {@code not_ready} error of a process the stop ended or the full disk failed; empty for any other end. */
    public Optional<DarkroomException> of(String stderr) {
        if (stop.isStopping()) {
            return Optional.of(new DarkroomException(ErrorCode.NOT_READY, GracefulStop.MESSAGE,
                    "ImageMagick ended by the stop"));
        }
        if (stderr.toLowerCase(Locale.ROOT).contains("no space left") || disk.isShort()) {
            disk.ranOutOfSpace();
            return Optional.of(new OutOfSpace("ImageMagick could not write: " + ProcessText.abbreviate(stderr), null));
        }
        return Optional.empty();
    }
}
