package org.darkroom.vision.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Boxes from centre and size, clamped to the image as the .mf client does not. */
class BoxTest {
    @Test
    void aBoxInsideTheImageIsCentreMinusAndPlusHalfTheSize() {
        assertThat(Box.around(0.25, 0.5, 0.125, 0.25)).isEqualTo(new Box(0.1875, 0.375, 0.3125, 0.625));
    }

    @Test
    void aBoxReachingPastAnEdgeIsClampedToTheImage() {
        // A centre near the top-left corner with a large size: the client would report negative minima.
        assertThat(Box.around(0.0625, 0.03125, 0.5, 0.25)).isEqualTo(new Box(0, 0, 0.3125, 0.15625));
        // Near the bottom-right corner (the largest bin is 1023/1024): maxima past 1.
        assertThat(Box.around(1023 / 1024.0, 0.875, 0.25, 0.5)).isEqualTo(new Box(0.8740234375, 0.625, 1, 1));
    }
}
