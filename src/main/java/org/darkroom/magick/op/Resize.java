package org.darkroom.magick.op;

import java.util.List;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Resizes to a width and/or height.
 *
 * <p>{@code inside} keeps the aspect ratio within the box; {@code cover} fills the box and crops the overflow
 * around the centre; {@code fill} stretches to exactly the box. Without {@code upscale}, smaller images keep their
 * size (ImageMagick's {@code >} flag), which for {@code cover} means the centre crop may be smaller than the box.
 */
public record Resize(Integer width, Integer height, String fit, boolean upscale) implements MagickOp {

    public Resize {
        if (width == null && height == null) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER, "Resize needs a width, a height, or both.");
        }
        if (!"inside".equals(fit) && (width == null || height == null)) {
            throw new DarkroomException(ErrorCode.BAD_PARAMETER,
                    "Fit '" + fit + "' needs both a width and a height; use fit=inside to give only one.");
        }
    }

    @Override
    public void appendTo(List<String> argv) {
        String box = (width == null ? "" : width.toString()) + (height == null ? "" : "x" + height);
        String shrinkOnly = upscale ? "" : ">";
        switch (fit) {
            case "cover" -> {
                argv.addAll(List.of("-resize", box + "^" + shrinkOnly));
                argv.addAll(List.of("-gravity", "center", "-crop", box + "+0+0", "+repage"));
            }
            case "fill" -> argv.addAll(List.of("-resize", box + "!" + shrinkOnly));
            default -> argv.addAll(List.of("-resize", box + shrinkOnly));
        }
    }

    @Override
    public Size resultOf(Size in) {
        Size scaled = scaled(in);
        return "cover".equals(fit) ? new Size(Math.min(width, scaled.width()), Math.min(height, scaled.height()))
                : scaled;
    }

    /** For cover, the scaled image before its centre is cut out. */
    @Override
    public Size peak(Size in) {
        return scaled(in);
    }

    /** A resize filter reads a few source pixels for each result pixel, and each source pixel a few times. */
    @Override
    public long work(Size in) {
        return 4 * (in.pixels() + peak(in).pixels());
    }

    private Size scaled(Size in) {
        double sx = width == null ? Double.NaN : (double) width / in.width();
        double sy = height == null ? Double.NaN : (double) height / in.height();
        if ("fill".equals(fit)) {
            boolean larger = in.width() > width || in.height() > height;
            return upscale || larger ? new Size(width, height) : in;
        }
        double scale = Double.isNaN(sx) ? sy : Double.isNaN(sy) ? sx
                : "cover".equals(fit) ? Math.max(sx, sy) : Math.min(sx, sy);
        if (!upscale) {
            scale = Math.min(1.0, scale);
        }
        return new Size(Math.round(in.width() * scale), Math.round(in.height() * scale));
    }
}
