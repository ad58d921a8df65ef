package org.darkroom.magick;

import java.util.List;
import org.darkroom.intake.ImageHeader;
import org.darkroom.magick.op.MagickOp;
import org.darkroom.magick.op.Size;

/**
 * What a planned job will make ImageMagick hold and do, worked out from the input's header and the steps before
 * anything runs: the limits are checked against it, and ImageMagick's own per-job limits are set from it.
 *
 * @param widest        the widest image the process may hold at any moment (decoded input, steps, result)
 * @param tallest       the tallest image the process may hold at any moment
 * @param largestImage  the most pixels of any image a step produces, the result included
 * @param work          decoding, every step and encoding in pixel-passes, times the frames processed
 * @param frames        frames the process may hold at once
 */
public record JobShape(long widest, long tallest, long largestImage, long work, int frames) {

    /**
     * The shape of running {@code ops} over {@code frames} frames of {@code input}. Orientation is in metadata only the
     * decoder reads, so when the steps may turn the image upright, both orientations are planned and the larger
     * of each measure kept.
     */
    static JobShape of(ImageHeader input, List<MagickOp> ops, boolean mayTurn, int frames) {
        Size decoded = new Size(input.widestFrame(), input.tallestFrame());
        JobShape upright = walk(decoded, ops, frames);
        return mayTurn ? upright.max(walk(decoded.turned(), ops, frames)) : upright;
    }

    /**
     * ImageMagick's {@code -limit width}: the widest image plus room for the views filters take around a row (a
     * resize that shrinks 30 times reads about 90 pixels each side). A decoder finding more pixels than the header
     * declared stops here: at most about 1.56 times the declared pixels, plus a small constant.
     */
    public long widthLimit() {
        return widest + widest / 4 + 512;
    }

    /** ImageMagick's {@code -limit height}, with the same room as {@link #widthLimit()}. */
    public long heightLimit() {
        return tallest + tallest / 4 + 512;
    }

    private static JobShape walk(Size decoded, List<MagickOp> ops, int frames) {
        long widest = decoded.width();
        long tallest = decoded.height();
        long largest = decoded.pixels();
        long work = decoded.pixels(); // decoding
        Size current = decoded;
        for (MagickOp op : ops) {
            Size peak = op.peak(current);
            widest = Math.max(widest, peak.width());
            tallest = Math.max(tallest, peak.height());
            work = saturatedAdd(work, op.work(current));
            current = op.resultOf(current);
            widest = Math.max(widest, current.width());
            tallest = Math.max(tallest, current.height());
            largest = Math.max(largest, current.pixels());
        }
        work = saturatedAdd(work, current.pixels()); // encoding
        return new JobShape(widest, tallest, largest, saturatedMultiply(work, frames), frames);
    }

    /** The larger of each measure of the two shapes: what one process running both jobs in turn may hold. */
    public JobShape max(JobShape other) {
        return new JobShape(Math.max(widest, other.widest), Math.max(tallest, other.tallest),
                Math.max(largestImage, other.largestImage), Math.max(work, other.work), Math.max(frames, other.frames));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
