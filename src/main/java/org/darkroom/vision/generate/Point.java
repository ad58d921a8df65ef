package org.darkroom.vision.generate;

/** A pointed-at location, normalised to the whole image: 0..1 on both axes, origin top left. */
public record Point(double x, double y) {
}
