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
}
