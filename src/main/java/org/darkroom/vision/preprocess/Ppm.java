package org.darkroom.vision.preprocess;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads binary PPM (P6, maxval 255), the format ImageMagick hands over decoded pixels in
 * ({@code convert in.png -auto-orient ppm:out.ppm}). Nothing is allocated for the raster before the header's
 * size has been checked against the limit and the file's length.
 */
public final class Ppm {
    /** More header than this is not a PPM written by a sane tool; ImageMagick writes tens of bytes plus comments. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Largest array Java reliably allocates. */
    private static final long MAX_RASTER_BYTES = Integer.MAX_VALUE - 8;

    private Ppm() {
    }

    /**
     * The first image in {@code file}; anything after its raster (netpbm allows several images) is ignored.
     *
     * @throws IllegalArgumentException if the file is not a P6 PPM with maxval 255, claims more than
     *         {@code maxPixels} pixels, or holds less raster than its header claims
     */
    public static RgbImage read(Path file, long maxPixels) throws IOException {
        long fileSize = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, fileSize, maxPixels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PPM " + file + ": " + e.getMessage(), e);
        }
    }

    private static RgbImage read(InputStream in, long fileSize, long maxPixels) throws IOException {
        Header header = new Header(in);
        if (header.next() != 'P' || header.next() != '6' || !Header.isWhitespace(header.nextSkippingComment())) {
            throw new IllegalArgumentException("not a binary PPM, it does not start with P6 and whitespace");
        }
        int width = header.number("width");
        int height = header.number("height");
        int maxval = header.number("maxval");
        // number() consumed the one whitespace byte after maxval: the raster starts here.
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("the header gives a size of " + width + "x" + height);
        }
        if (maxval != 255) {
            throw new IllegalArgumentException("maxval is " + maxval + ", only 8-bit (255) is supported"
                    + " (ImageMagick writes 255 with -depth 8)");
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new IllegalArgumentException("the header claims " + width + "x" + height + " = " + pixels
                    + " pixels, more than the limit of " + maxPixels);
        }
        long rasterBytes = pixels * 3;
        if (rasterBytes > MAX_RASTER_BYTES) {
            throw new IllegalArgumentException(width + "x" + height + " is too large for one array");
        }
        long available = fileSize - header.consumed;
        if (available < rasterBytes) {
            throw new IllegalArgumentException("truncated: " + width + "x" + height + " needs " + rasterBytes
                    + " bytes of pixels, the file holds " + available);
        }
        byte[] rgb = in.readNBytes((int) rasterBytes);
        if (rgb.length != rasterBytes) {   // the file shrank while we read it
            throw new IllegalArgumentException("truncated: " + width + "x" + height + " needs " + rasterBytes
                    + " bytes of pixels, read " + rgb.length);
        }
        return new RgbImage(width, height, rgb);
    }

    /**
     * The netpbm header grammar: tokens separated by whitespace, and '#' to the end of the line is a comment
     * anywhere before the single whitespace byte that ends the header (libnetpbm treats a comment as whitespace).
     */
    private static final class Header {
        private final InputStream in;
        long consumed;

        Header(InputStream in) {
            this.in = in;
        }

        int next() throws IOException {
            if (consumed >= MAX_HEADER_BYTES) {
                throw new IllegalArgumentException("the header is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int b = in.read();
            if (b < 0) {
                throw new IllegalArgumentException("the header ends early, at byte " + consumed);
            }
            consumed++;
            return b;
        }

        /** A comment counts as the line end that closes it. */
        int nextSkippingComment() throws IOException {
            int b = next();
            if (b == '#') {
                do {
                    b = next();
                } while (b != '\n' && b != '\r');
            }
            return b;
        }

        /** A decimal number after optional whitespace, and the one whitespace byte (or comment) ending it. */
        int number(String what) throws IOException {
            int b = nextSkippingComment();
            while (isWhitespace(b)) {
                b = nextSkippingComment();
            }
            if (b < '0' || b > '9') {
                throw new IllegalArgumentException("expected the " + what + ", found byte " + b
                        + " at offset " + (consumed - 1));
            }
            long value = 0;
            do {
                value = value * 10 + (b - '0');
                if (value > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("the " + what + " is too large");
                }
                b = nextSkippingComment();
            } while (b >= '0' && b <= '9');
            if (!isWhitespace(b)) {
                throw new IllegalArgumentException("the " + what + " is followed by byte " + b
                        + " at offset " + (consumed - 1) + ", not whitespace");
            }
            return (int) value;
        }

        static boolean isWhitespace(int b) {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
        }
    }
}
