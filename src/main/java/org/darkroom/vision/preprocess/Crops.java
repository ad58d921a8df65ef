package org.darkroom.vision.preprocess;

import static org.darkroom.vision.preprocess.CropTemplate.CROP_SIZE;

import java.util.ArrayList;
import java.util.List;

/** The images the {@code .mf} client feeds its vision encoder ({@code preprocess.create_patches}). */
public final class Crops {
    private Crops() {
    }

    /**
     * The global crop (the whole image squeezed to 378x378, aspect ratio not kept), then for a template other than
     * (1,1) one 378x378 crop per tile, row by row. Tiles are {@code width / cols} by {@code height / rows} pixels
     * (integer division): the right and bottom remainders are dropped, as the client drops them.
     */
    public static List<RgbImage> of(RgbImage image, CropTemplate template) {
        List<RgbImage> crops = new ArrayList<>(template.crops());
        crops.add(PillowBicubic.resize(image, CROP_SIZE, CROP_SIZE));
        if (template.isSingle()) {
            return crops;
        }
        int tileW = image.width() / template.cols();
        int tileH = image.height() / template.rows();
        if (tileW < 1 || tileH < 1) {
            throw new IllegalArgumentException("A " + image.width() + "x" + image.height() + " image is too small for "
                    + template.rows() + "x" + template.cols() + " tiles");
        }
        for (int r = 0; r < template.rows(); r++) {
            for (int c = 0; c < template.cols(); c++) {
                int x0 = c * tileW;
                int y0 = r * tileH;
                crops.add(PillowBicubic.resize(image, x0, y0, x0 + tileW, y0 + tileH, CROP_SIZE, CROP_SIZE));
            }
        }
        return crops;
    }
}
