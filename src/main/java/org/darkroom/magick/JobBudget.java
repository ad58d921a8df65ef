package org.darkroom.magick;

import java.util.Locale;
import org.darkroom.config.Settings;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * The most a planned job may make: pixels in any image a step produces, and work in pixel-passes. Checked before a
 * worker is taken, so a 275-byte PNG cannot ask for a 64-megapixel result, nor an 11 KB JPEG for ten rotations and
 * blurs that hold a worker for a minute.
 *
 * @param maxPixels the most pixels of any image a step may produce (the same limit intake applies to inputs)
 * @param maxWork   the most pixel-passes one job may take; a job above a tenth of it is heavy
 */
public record JobBudget(long maxPixels, long maxWork) {
    /** Without configured limits: intake's default pixel limit, and work that fits the default timeout here. */
    public static final JobBudget DEFAULT = new JobBudget(50_000_000L, 2_000_000_000L);
    private static final int HEAVY_SHARE = 10;

    public JobBudget {
        if (maxPixels <= 0 || maxWork <= 0) {
            throw new IllegalArgumentException("Job limits must be positive: " + maxPixels + ", " + maxWork);
        }
    }

    /** The budget {@code darkroom.limits.max-work} sets, with intake's pixel limit for every image a step makes. */
    public static JobBudget read(Settings settings, long maxPixels) {
        return new JobBudget(maxPixels, settings.positiveLong("darkroom.limits.max-work"));
    }

    /** Refuses a job whose images or work exceed the budget; a job without a shape is not planned here. */
    public void check(JobShape shape) {
        if (shape == null) {
            return;
        }
        if (shape.largestImage() > maxPixels) {
            throw new DarkroomException(ErrorCode.TOO_MANY_PIXELS, "These steps would make an image of "
                    + megapixels(shape.largestImage()) + " MP; the limit is " + megapixels(maxPixels)
                    + " MP. Ask for a smaller result or raise darkroom.limits.max-pixels.");
        }
        if (shape.work() > maxWork) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "These steps would take about "
                    + String.format(Locale.ROOT, "%.1f", shape.work() / 1e9) + " billion pixel-passes; the limit is "
                    + String.format(Locale.ROOT, "%.1f", maxWork / 1e9)
                    + " billion. Use fewer or milder steps (smaller blur, fewer rotations), a smaller image, or raise"
                    + " darkroom.limits.max-work.");
        }
    }

    /** Whether the job is large enough to wait for a heavy-work permit, so small jobs always find a worker. */
    public boolean isHeavy(JobShape shape) {
        return shape != null && shape.work() > maxWork / HEAVY_SHARE;
    }

    private static String megapixels(long pixels) {
        return String.format(Locale.ROOT, "%.1f", pixels / 1_000_000.0);
    }
}
