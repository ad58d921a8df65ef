package org.darkroom.magick.op;

import java.util.List;

/**
 * Outlines rectangles on the image, e.g. the boxes a detection found.
 *
 * <p>Only integers and a colour from a fixed list reach the drawing primitive, so nothing a caller sends can become
 * drawing commands (no {@code text}, {@code image} or {@code @file} primitives are ever written).
 *
 * @param boxes  pixel rectangles {@code {x0, y0, x1, y1}}
 * @param color  one of {@link #COLORS}
 * @param stroke line width in pixels
 */
public record DrawBoxes(List<int[]> boxes, String color, int stroke) implements MagickOp {
    public static final List<String> COLORS = List.of("red", "lime", "yellow", "cyan", "magenta", "white", "black");

    public DrawBoxes {
        if (!COLORS.contains(color)) {
            throw new IllegalArgumentException("Box colour must be one of " + COLORS + ", not " + color);
        }
        boxes = boxes.stream().map(box -> {
            if (box.length != 4) {
                throw new IllegalArgumentException("A box has four coordinates");
            }
            return box.clone();
        }).toList();
    }

    @Override
    public void appendTo(List<String> argv) {
        if (boxes.isEmpty()) {
            return;
        }
        argv.addAll(List.of("-fill", "none", "-stroke", color, "-strokewidth", Integer.toString(stroke)));
        for (int[] box : boxes) {
            argv.addAll(List.of("-draw", "rectangle " + box[0] + "," + box[1] + " " + box[2] + "," + box[3]));
        }
    }
}
