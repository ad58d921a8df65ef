package org.darkroom.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Conversions to and from BufferedImage, the form DJL's Image wraps, must not change a single pixel. */
class RgbImageTest {
    private static final RgbImage PATTERN = PillowReference.source(37, 23);

    @Test
    void bufferedImageRoundTripIsExactAndSharesThePixels() {
        BufferedImage bi = PATTERN.toBufferedImage();
        assertThat(bi.getRGB(5, 7) & 0xffffff).isEqualTo(rgbAt(PATTERN, 5, 7));
        assertThat(RgbImage.fromBufferedImage(bi)).isEqualTo(PATTERN);
        // Images run to tens of megapixels: the way to the DJL image and back copies nothing.
        assertThat(RgbImage.fromBufferedImage(bi).rgb()).isSameAs(PATTERN.rgb());
    }

    @Test
    void djlImageRoundTripIsExact() {
        Image image = ImageFactory.getInstance().fromImage(PATTERN.toBufferedImage());
        assertThat(image.getWidth()).isEqualTo(37);
        assertThat(image.getHeight()).isEqualTo(23);
        assertThat(RgbImage.fromBufferedImage((BufferedImage) image.getWrappedImage())).isEqualTo(PATTERN);
    }

    @Test
    void everyBufferedImageLayoutGivesTheSamePixels() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR}) {
            BufferedImage bi = new BufferedImage(37, 23, type);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    bi.setRGB(x, y, 0x80000000 | rgbAt(PATTERN, x, y));   // half alpha: dropped, not composited
                }
            }
            assertThat(RgbImage.fromBufferedImage(bi)).as("type %d", type).isEqualTo(PATTERN);
        }
    }

    @Test
    void subImagesAreReadAtTheirOffset() {
        BufferedImage sub = PATTERN.toBufferedImage().getSubimage(3, 4, 10, 6);
        RgbImage expected = PillowBicubic.resize(PATTERN, 3, 4, 13, 10, 10, 6);   // same size: a plain crop
        assertThat(RgbImage.fromBufferedImage(sub)).isEqualTo(expected);
    }

    @Test
    void greyIsCopiedToEachChannelUnchanged() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setDataElements(0, 0, 2, 1, new byte[] {(byte) 128, 7});
        assertThat(RgbImage.fromBufferedImage(grey).rgb()).containsExactly(128, 128, 128, 7, 7, 7);
    }

    @Test
    void sizeAndDataMustAgree() {
        assertThatThrownBy(() -> new RgbImage(2, 2, new byte[11])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 12 bytes, got 11");
        assertThatThrownBy(() -> new RgbImage(0, 2, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static int rgbAt(RgbImage image, int x, int y) {
        int o = (y * image.width() + x) * 3;
        return (image.rgb()[o] & 0xff) << 16 | (image.rgb()[o + 1] & 0xff) << 8 | image.rgb()[o + 2] & 0xff;
    }
}
