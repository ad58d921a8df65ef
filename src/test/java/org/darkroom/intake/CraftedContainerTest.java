package org.darkroom.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-built WebP, TIFF and HEIF/AVIF containers: chunk lists, directory chains and box trees. */
class CraftedContainerTest {

    @TempDir
    Path dir;

    // ---- WebP ----------------------------------------------------------------------------------------------

    private static ByteWriter webp(ByteWriter chunks) {
        byte[] body = chunks.toBytes();
        return ByteWriter.start().ascii("RIFF").le32(4L + body.length).ascii("WEBP").bytes(body);
    }

    private static ByteWriter chunk(ByteWriter w, String type, byte[] data) {
        w.ascii(type).le32(data.length).bytes(data);
        return data.length % 2 == 1 ? w.u8(0) : w;
    }

    private static byte[] vp8x(int flags, int width, int height) {
        return ByteWriter.start().u8(flags).zeros(3).le24(width - 1).le24(height - 1).toBytes();
    }

    private static byte[] anmf(int width, int height, int extra) {
        return ByteWriter.start().le24(0).le24(0).le24(width - 1).le24(height - 1).le24(100).u8(0).zeros(extra)
                .toBytes();
    }

    @Test
    void webpLosslessSizeIsFourteenBitsMinusOne() throws IOException {
        byte[] vp8l = ByteWriter.start().u8(0x2f).le32(999 | 499 << 14).zeros(6).toBytes();
        assertThat(read("a.webp", webp(chunk(ByteWriter.start(), "VP8L", vp8l)), ImageType.WEBP))
                .isEqualTo(new ImageHeader(ImageType.WEBP, 1000, 500, 1, 500_000));
    }

    @Test
    void webpLossyIgnoresTheScalingBits() throws IOException {
        byte[] vp8 = ByteWriter.start().u8(0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a).le16(0x4000 | 640).le16(480)
                .zeros(4).toBytes();
        assertThat(read("a.webp", webp(chunk(ByteWriter.start(), "VP8 ", vp8)), ImageType.WEBP))
                .isEqualTo(new ImageHeader(ImageType.WEBP, 640, 480, 1, 307_200));
    }

    @Test
    void webpLossyWithoutStartCodeIsUndecodable() throws IOException {
        byte[] vp8 = ByteWriter.start().u8(0x10, 0x02, 0x00, 0x9d, 0x01, 0x2b).le16(640).le16(480).toBytes();
        assertUndecodable("a.webp", webp(chunk(ByteWriter.start(), "VP8 ", vp8)), ImageType.WEBP);
    }

    @Test
    void webpExtendedStillImageUsesTheCanvas() throws IOException {
        ByteWriter w = chunk(ByteWriter.start(), "VP8X", vp8x(0x10, 3000, 2000));
        assertThat(read("a.webp", webp(w), ImageType.WEBP))
                .isEqualTo(new ImageHeader(ImageType.WEBP, 3000, 2000, 1, 6_000_000));
    }

    @Test
    void webpAnimationCountsEveryFrameAcrossPaddedChunks() throws IOException {
        ByteWriter w = chunk(ByteWriter.start(), "VP8X", vp8x(0x02, 100, 80));
        chunk(w, "ANIM", new byte[6]);
        chunk(w, "ANMF", anmf(100, 80, 1)); // odd size: the pad byte must be skipped
        chunk(w, "ANMF", anmf(50, 40, 4));
        chunk(w, "EXIF", new byte[3]);
        assertThat(read("a.webp", webp(w), ImageType.WEBP))
                .isEqualTo(new ImageHeader(ImageType.WEBP, 100, 80, 2, 8000));
    }

    @Test
    void webpAnimationWithoutFramesIsUndecodable() throws IOException {
        ByteWriter w = chunk(chunk(ByteWriter.start(), "VP8X", vp8x(0x02, 100, 80)), "ANIM", new byte[6]);
        assertUndecodable("a.webp", webp(w), ImageType.WEBP);
    }

    @Test
    void webpWithAnUnknownFirstChunkIsUndecodable() throws IOException {
        assertUndecodable("a.webp", webp(chunk(ByteWriter.start(), "ALPH", new byte[10])), ImageType.WEBP);
    }

    // ---- TIFF ----------------------------------------------------------------------------------------------

    private static final int IFD_BYTES = 2 + 2 * 12 + 4;

    /** A classic TIFF with one two-tag directory per page; the last points at page {@code loopTo}, or ends. */
    private static ByteWriter tiff(boolean le, int fieldType, int loopTo, int[]... pages) {
        ByteWriter w = ByteWriter.start().ascii(le ? "II" : "MM");
        u16(w, le, 42);
        u32(w, le, 8);
        for (int i = 0; i < pages.length; i++) {
            u16(w, le, 2);
            for (int tag = 0; tag < 2; tag++) {
                u16(w, le, 256 + tag);
                u16(w, le, fieldType);
                u32(w, le, 1);
                if (fieldType == 3) {
                    u16(w, le, pages[i][tag]);
                    w.zeros(2);
                } else {
                    u32(w, le, pages[i][tag]);
                }
            }
            int next = i + 1 < pages.length ? i + 1 : loopTo;
            u32(w, le, next < 0 ? 0 : 8L + (long) next * IFD_BYTES);
        }
        return w;
    }

    private static void u16(ByteWriter w, boolean le, int v) {
        if (le) {
            w.le16(v);
        } else {
            w.be16(v);
        }
    }

    private static void u32(ByteWriter w, boolean le, long v) {
        if (le) {
            w.le32(v);
        } else {
            w.be32(v);
        }
    }

    @Test
    void tiffReportsTheFirstPageAndTheLargestOfAll() throws IOException {
        ByteWriter w = tiff(true, 4, -1, new int[] {300, 200}, new int[] {5000, 4000});
        assertThat(read("a.tif", w, ImageType.TIFF))
                .isEqualTo(new ImageHeader(ImageType.TIFF, 300, 200, 2, 20_000_000, 5000, 4000));
    }

    @Test
    void tiffPageWithASizeTagTwiceIsUndecodableOnEveryPage() throws IOException {
        // libtiff keeps the first ImageWidth, a last-wins reader the second: 10 wide here, 10000 to the decoder.
        int[][] twoWidths = {{256, 10000}, {257, 5000}, {256, 10}};
        int[][] twoLengths = {{256, 10}, {257, 10}, {257, 20000}};
        int[][] plain = {{256, 10}, {257, 10}};
        for (boolean le : new boolean[] {true, false}) {
            assertUndecodable("first-" + le + ".tif", tiffEntries(le, twoWidths), ImageType.TIFF);
            assertUndecodable("later-" + le + ".tif", tiffEntries(le, plain, plain, twoLengths), ImageType.TIFF);
        }
    }

    /** A classic TIFF whose pages hold exactly the given LONG entries ({tag, value}), in order. */
    private static ByteWriter tiffEntries(boolean le, int[][]... pages) {
        ByteWriter w = ByteWriter.start().ascii(le ? "II" : "MM");
        u16(w, le, 42);
        u32(w, le, 8);
        long offset = 8;
        for (int i = 0; i < pages.length; i++) {
            u16(w, le, pages[i].length);
            for (int[] entry : pages[i]) {
                u16(w, le, entry[0]);
                u16(w, le, 4);
                u32(w, le, 1);
                u32(w, le, entry[1]);
            }
            offset += 2 + 12L * pages[i].length + 4;
            u32(w, le, i + 1 < pages.length ? offset : 0);
        }
        return w;
    }

    @Test
    void tiffReportsTheWidestAndTallestPageSeparately() throws IOException {
        ImageHeader header = read("a.tif", tiff(true, 4, -1, new int[] {10, 5000}, new int[] {5000, 10}),
                ImageType.TIFF);
        assertThat(header.widestFrame()).isEqualTo(5000);
        assertThat(header.tallestFrame()).isEqualTo(5000);
    }

    @Test
    void tiffBigEndianShortSizes() throws IOException {
        assertThat(read("a.tif", tiff(false, 3, -1, new int[] {640, 480}), ImageType.TIFF))
                .isEqualTo(new ImageHeader(ImageType.TIFF, 640, 480, 1, 307_200));
    }

    @Test
    void tiffDirectoryLoopsAreUndecodableAndEnd() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertUndecodable("self.tif", tiff(true, 4, 0, new int[] {10, 10}), ImageType.TIFF);
            assertUndecodable("pair.tif", tiff(false, 3, 0, new int[] {10, 10}, new int[] {20, 20}), ImageType.TIFF);
        });
    }

    @Test
    void tiffPageWithoutALengthTagIsUndecodable() throws IOException {
        ByteWriter w = ByteWriter.start().ascii("II").le16(42).le32(8).le16(1).le16(256).le16(4).le32(1).le32(10)
                .le32(0);
        assertUndecodable("a.tif", w, ImageType.TIFF);
    }

    @Test
    void tiffDirectoryPastTheEndIsUndecodable() throws IOException {
        assertUndecodable("a.tif", ByteWriter.start().ascii("II").le16(42).le32(1_000_000).zeros(8), ImageType.TIFF);
    }

    @Test
    void bigTiffReadsLong8Sizes() throws IOException {
        ByteWriter w = ByteWriter.start().ascii("II").le16(43).le16(8).le16(0).le64(16).le64(2);
        w.le16(256).le16(16).le64(1).le64(70_000);
        w.le16(257).le16(16).le64(1).le64(50_000);
        w.le64(0);
        assertThat(read("a.tif", w, ImageType.TIFF))
                .isEqualTo(new ImageHeader(ImageType.TIFF, 70_000, 50_000, 1, 3_500_000_000L));
    }

    @Test
    void classicTiffCannotHoldLong8() throws IOException {
        assertUndecodable("a.tif", tiff(true, 16, -1, new int[] {10, 10}), ImageType.TIFF);
    }

    // ---- HEIC / AVIF ---------------------------------------------------------------------------------------

    private static byte[] box(String type, byte[]... children) {
        ByteWriter payload = ByteWriter.start();
        for (byte[] child : children) {
            payload.bytes(child);
        }
        return ByteWriter.start().box(type, payload.toBytes()).toBytes();
    }

    private static byte[] ispe(long width, long height) {
        return box("ispe", ByteWriter.start().zeros(4).be32(width).be32(height).toBytes());
    }

    /** A meta box whose primary item 1 is tied to the first ispe among {@code properties}. */
    private static byte[] meta(byte[]... properties) {
        int first = 0;
        for (int i = 0; i < properties.length && first == 0; i++) {
            first = new String(properties[i], 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ispe")
                    ? i + 1 : 0;
        }
        return meta(first == 0 ? new int[0] : new int[] {first}, properties);
    }

    /** A meta box whose primary item 1 is tied to the 1-based property indexes {@code primary}; item 2 to all. */
    private static byte[] meta(int[] primary, byte[]... properties) {
        byte[] hdlr = box("hdlr", ByteWriter.start().zeros(8).ascii("pict").zeros(13).toBytes());
        byte[] pitm = box("pitm", ByteWriter.start().zeros(4).be16(1).toBytes());
        ByteWriter ipma = ByteWriter.start().zeros(4).be32(2).be16(1).u8(primary.length);
        for (int index : primary) {
            ipma.u8(0x80 | index);
        }
        ipma.be16(2).u8(properties.length);
        for (int i = 1; i <= properties.length; i++) {
            ipma.u8(i);
        }
        return box("meta", new byte[4], hdlr, pitm, box("iprp", box("ipco", properties), box("ipma", ipma.toBytes())));
    }

    private static ByteWriter heif(String brand, byte[] meta) {
        return ByteWriter.start().bytes(box("ftyp", ByteWriter.start().ascii(brand).be32(0).ascii("mif1").toBytes()))
                .bytes(meta).be32(0).ascii("mdat").zeros(16);
    }

    @Test
    void heifTakesTheLargestSpatialExtent() throws IOException {
        byte[] colr = box("colr", ByteWriter.start().ascii("nclx").zeros(7).toBytes());
        ByteWriter w = heif("heic", meta(ispe(512, 512), colr, ispe(4032, 3024), ispe(320, 240)));
        assertThat(read("a.heic", w, ImageType.HEIC))
                .isEqualTo(new ImageHeader(ImageType.HEIC, 4032, 3024, 1, 4032L * 3024));
    }

    @Test
    void avifUsesTheSameBoxes() throws IOException {
        assertThat(read("a.avif", heif("avif", meta(ispe(1920, 1080))), ImageType.AVIF))
                .isEqualTo(new ImageHeader(ImageType.AVIF, 1920, 1080, 1, 1920L * 1080));
    }

    @Test
    void heifFindsMetaBehindALargeSizeBox() throws IOException {
        byte[] small = meta(ispe(64, 48));
        // Rewrite the meta header as size=1 plus a 64-bit largesize.
        ByteWriter w = ByteWriter.start()
                .bytes(box("ftyp", ByteWriter.start().ascii("heic").be32(0).toBytes()))
                .be32(1).ascii("free").be64(24).zeros(8)
                .be32(1).ascii("meta").be64(small.length + 8L).bytes(Arrays.copyOfRange(small, 8, small.length));
        assertThat(read("a.heic", w, ImageType.HEIC).pixels()).isEqualTo(64 * 48);
    }

    @Test
    void heifWithoutSpatialExtentIsUndecodable() throws IOException {
        assertUndecodable("a.heic", heif("heic", meta(box("colr", new byte[11]))), ImageType.HEIC);
        assertUndecodable("b.heic", heif("heic", new byte[0]), ImageType.HEIC);
        assertUndecodable("c.heic", heif("heic", meta(ispe(0, 100))), ImageType.HEIC);
    }

    @Test
    void heifPrimaryItemWithTwoSpatialExtentsIsUndecodableEvenWhenOneIsSmall() throws IOException {
        // A decoder believes one of the two; which one is the decoder's choice, so neither can be trusted.
        assertUndecodable("two.heic", heif("heic", meta(new int[] {1, 2}, ispe(20, 20), ispe(2000, 2000))),
                ImageType.HEIC);
        assertUndecodable("same.avif", heif("avif", meta(new int[] {1, 2}, ispe(20, 20), ispe(20, 20))),
                ImageType.AVIF);
    }

    @Test
    void heifPrimaryItemWithoutItsOwnSpatialExtentIsUndecodable() throws IOException {
        byte[] colr = box("colr", ByteWriter.start().ascii("nclx").zeros(7).toBytes());
        // The ispe exists, but only a thumbnail (item 2) is tied to it.
        assertUndecodable("a.heic", heif("heic", meta(new int[] {1}, colr, ispe(20, 20))), ImageType.HEIC);
    }

    @Test
    void heifThumbnailOfAnotherSizeBesideThePrimaryIsFine() throws IOException {
        ByteWriter w = heif("heic", meta(new int[] {2}, ispe(320, 240), ispe(4032, 3024)));
        assertThat(read("a.heic", w, ImageType.HEIC))
                .isEqualTo(new ImageHeader(ImageType.HEIC, 4032, 3024, 1, 4032L * 3024));
    }

    @Test
    void heifBoxOverflowingItsParentIsUndecodable() throws IOException {
        byte[] liar = ByteWriter.start().be32(400).ascii("ispe").zeros(4).be32(10).be32(10).toBytes();
        assertUndecodable("a.heic", heif("heic", meta(liar)), ImageType.HEIC);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private ImageHeader read(String name, ByteWriter bytes, ImageType type) throws IOException {
        return Crafted.read(dir, name, bytes, type);
    }

    private void assertUndecodable(String name, ByteWriter bytes, ImageType type) throws IOException {
        Crafted.assertUndecodable(dir, name, bytes, type);
    }
}
