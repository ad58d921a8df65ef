package org.darkroom.vision.generate;

/** A detected object's box, normalised to the whole image: 0..1 on both axes, origin top left. */
public record Box(double xMin, double yMin, double xMax, double yMax) {
    /**
     * The box of centre ({@code x}, {@code y}) and size {@code w} x {@code h}, clamped to the image. The
     * {@code .mf} client does not clamp, so a box near an edge can reach past it; the 2024 HF code clamped, and
     * callers multiplying by the image size need coordinates inside it.
     */
    public static Box around(double x, double y, double w, double h) {
        return new Box(clamp(x - w / 2), clamp(y - h / 2), clamp(x + w / 2), clamp(y + h / 2));
    }

    private static double clamp(double v) {
        return Math.min(1, Math.max(0, v));
    }
}
