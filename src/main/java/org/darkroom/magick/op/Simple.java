package org.darkroom.magick.op;

import java.util.List;

/** Operations that take no arguments and map to a constant list of ImageMagick options. */
public enum Simple implements MagickOp {
    AUTO_ORIENT("-auto-orient"),
    FLIP("-flip"),
    FLOP("-flop"),
    GRAYSCALE("-colorspace", "Gray"),
    STRIP("-strip"),
    COALESCE("-coalesce"),
    /**
     * Plain 8-bit sRGB pixels with no alpha, as PIL's {@code convert("RGB")} gives the vision model's reference
     * client: alpha dropped, not blended; grey and CMYK images become three channels.
     */
    OPAQUE_RGB8("-alpha", "off", "-colorspace", "sRGB", "-type", "TrueColor", "-depth", "8");

    private final List<String> args;

    Simple(String... args) {
        this.args = List.of(args);
    }

    @Override
    public void appendTo(List<String> argv) {
        argv.addAll(args);
    }
}
