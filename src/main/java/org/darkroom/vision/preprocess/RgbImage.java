package org.darkroom.vision.preprocess;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * An 8-bit RGB image: {@code rgb} holds R, G, B per pixel, interleaved, rows top to bottom. This is the layout PIL
 * uses for mode "RGB", so the resampling code can follow Pillow's loops index for index.
 *
 * <p>The array is shared, not copied: images here run to tens of megapixels. Equality compares pixels.
 */
public record RgbImage(int width, int height, byte[] rgb) {
    private static final int[] RGB_BANDS = {0, 1, 2};

    public RgbImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("A " + width + "x" + height + " RGB image needs "
                    + (long) width * height * 3 + " bytes, got " + (rgb == null ? "none" : rgb.length));
        }
    }

    /**
     * Pixels of {@code image} as RGB. Alpha is dropped without compositing and grey is replicated to the three
     * channels, as PIL's {@code convert("RGB")} does.
     */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] shared = sharedPixels(image);
        if (shared != null) {
            return new RgbImage(width, height, shared);
        }
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        WritableRaster raster = image.getRaster();
        switch (image.getType()) {
            // The raster hands out data elements in band order, R, G, B, whatever the byte order in memory, and it
            // copes with sub-images (offsets, strides).
            case BufferedImage.TYPE_3BYTE_BGR -> raster.getDataElements(0, 0, width, height, rgb);
            case BufferedImage.TYPE_INT_RGB -> {
                int[] row = new int[width];
                for (int y = 0; y < height; y++) {
                    raster.getDataElements(0, y, width, 1, row);
                    packedRowToRgb(row, rgb, y * width * 3);
                }
            }
            case BufferedImage.TYPE_BYTE_GRAY -> {
                // Java's grey colour space is linear, so getRGB would brighten it; PIL copies the value.
                byte[] row = new byte[width];
                for (int y = 0; y < height; y++) {
                    raster.getDataElements(0, y, width, 1, row);
                    for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                        rgb[o] = rgb[o + 1] = rgb[o + 2] = row[x];
                    }
                }
            }
            default -> {
                int[] row = new int[width];
                for (int y = 0; y < height; y++) {
                    image.getRGB(0, y, width, 1, row, 0, width);
                    packedRowToRgb(row, rgb, y * width * 3);
                }
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static void packedRowToRgb(int[] row, byte[] rgb, int offset) {
        for (int x = 0, o = offset; x < row.length; x++, o += 3) {
            int p = row[x];
            rgb[o] = (byte) (p >> 16);
            rgb[o + 1] = (byte) (p >> 8);
            rgb[o + 2] = (byte) p;
        }
    }

    /**
     * A {@link BufferedImage} over these very pixels, not a copy (a 50 MP image is 150 MB), in sRGB with the bytes
     * in R, G, B order; {@link #fromBufferedImage} hands the same array back.
     */
    public BufferedImage toBufferedImage() {
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(rgb, rgb.length), width, height,
                width * 3, 3, RGB_BANDS, null);
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, raster, false, null);
    }

    /** The pixel array of an image laid out exactly as this class keeps it (as {@link #toBufferedImage} makes). */
    private static byte[] sharedPixels(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1
                || buffer.getOffset() != 0 || raster.getParent() != null
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel layout)
                || !Arrays.equals(layout.getBandOffsets(), RGB_BANDS) || layout.getPixelStride() != 3
                || layout.getScanlineStride() != image.getWidth() * 3
                || !(image.getColorModel() instanceof ComponentColorModel color) || color.hasAlpha()
                || !color.getColorSpace().isCS_sRGB()) {
            return null;
        }
        byte[] data = buffer.getData();
        return data.length == (long) image.getWidth() * image.getHeight() * 3 ? data : null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RgbImage that && width == that.width && height == that.height
                && Arrays.equals(rgb, that.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
