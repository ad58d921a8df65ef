package org.darkroom.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.darkroom.testing.Deflated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-built JPEG, PNG, GIF and BMP headers for the edges real encoders never produce. */
class CraftedHeaderTest {

    @TempDir
    Path dir;

    // ---- JPEG ----------------------------------------------------------------------------------------------

    private static ByteWriter sof(ByteWriter w, int marker, int width, int height) {
        return w.u8(0xff, marker).be16(17).u8(8).be16(height).be16(width).u8(3).zeros(9);
    }

    @Test
    void jpegSkipsFillBytesAndTablesThatLookLikeFrameHeaders() throws IOException {
        ByteWriter w = ByteWriter.start().u8(0xff, 0xd8)
                .u8(0xff, 0xff, 0xff, 0xe0).be16(16).ascii("JFIF").zeros(10)
                // DHT (C4) sits in the SOF range; read as a frame it would give 4096x2048.
                .u8(0xff, 0xc4).be16(8).u8(8).be16(0x0800).be16(0x1000).u8(0);
        sof(w, 0xc2, 1000, 750).u8(0xff, 0xda);
        assertThat(read("a.jpg", w, ImageType.JPEG)).isEqualTo(new ImageHeader(ImageType.JPEG, 1000, 750, 1, 750_000));
    }

    @Test
    void jpegFrameHeaderCutShortIsUndecodable() throws IOException {
        ByteWriter cut = ByteWriter.start().u8(0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01);
        assertUndecodable("a.jpg", cut, ImageType.JPEG);
        assertUndecodable("b.jpg", ByteWriter.start().u8(0xff, 0xd8, 0xff), ImageType.JPEG);
    }

    @Test
    void jpegWithZeroHeightIsUndecodable() throws IOException {
        assertUndecodable("a.jpg", sof(ByteWriter.start().u8(0xff, 0xd8), 0xc0, 640, 0), ImageType.JPEG);
    }

    @Test
    void jpegScanBeforeAnyFrameHeaderIsUndecodable() throws IOException {
        assertUndecodable("a.jpg", ByteWriter.start().u8(0xff, 0xd8, 0xff, 0xda).be16(12).zeros(40), ImageType.JPEG);
    }

    @Test
    void jpegGarbageBetweenSegmentsIsUndecodable() throws IOException {
        ByteWriter w = ByteWriter.start().u8(0xff, 0xd8, 0xff, 0xe1).be16(4).zeros(2).u8(0x42);
        assertUndecodable("a.jpg", sof(w, 0xc0, 10, 10), ImageType.JPEG);
    }

    // ---- PNG -----------------------------------------------------------------------------------------------

    private static ByteWriter png() {
        return ByteWriter.start().u8(0x89, 'P', 'N', 'G', 13, 10, 26, 10);
    }

    private static ByteWriter chunk(ByteWriter w, String type, byte[] data) {
        return w.be32(data.length).ascii(type).bytes(data).be32(0); // CRCs are the decoder's business
    }

    private static byte[] ihdr(long width, long height) {
        return ByteWriter.start().be32(width).be32(height).u8(8, 6, 0, 0, 0).toBytes();
    }

    @Test
    void pngBombHeaderIsReportedNotDecoded() throws IOException {
        ByteWriter w = chunk(chunk(chunk(png(), "IHDR", ihdr(100_000, 100_000)), "IDAT", new byte[12]), "IEND",
                new byte[0]);
        ImageHeader header = read("bomb.png", w, ImageType.PNG);
        assertThat(header.pixels()).isEqualTo(10_000_000_000L);
        assertThat(header.largestFramePixels()).isEqualTo(10_000_000_000L);
    }

    @Test
    void apngFrameCountComesFromAcTL() throws IOException {
        ByteWriter w = chunk(png(), "IHDR", ihdr(40, 30));
        chunk(w, "tEXt", "Comment\0hi".getBytes());
        chunk(w, "acTL", ByteWriter.start().be32(5).be32(0).toBytes());
        chunk(w, "IDAT", new byte[4]);
        assertThat(read("a.png", w, ImageType.PNG)).isEqualTo(new ImageHeader(ImageType.PNG, 40, 30, 5, 1200));
    }

    @Test
    void pngWhoseFirstChunkIsNotIhdrIsUndecodable() throws IOException {
        ByteWriter w = chunk(chunk(png(), "tEXt", "a\0b".getBytes()), "IHDR", ihdr(10, 10));
        assertUndecodable("a.png", chunk(w, "IDAT", new byte[4]), ImageType.PNG);
    }

    @Test
    void pngCutInsideIhdrIsUndecodable() throws IOException {
        assertUndecodable("a.png", png().be32(13).ascii("IHDR").be32(64), ImageType.PNG);
    }

    @Test
    void pngWithoutImageDataIsUndecodable() throws IOException {
        assertUndecodable("a.png", chunk(chunk(png(), "IHDR", ihdr(10, 10)), "IEND", new byte[0]), ImageType.PNG);
        assertUndecodable("b.png", chunk(png(), "IHDR", ihdr(10, 10)), ImageType.PNG);
    }

    @Test
    void pngWidthBeyondTheSpecIsUndecodable() throws IOException {
        ByteWriter w = chunk(chunk(png(), "IHDR", ihdr(0x8000_0000L, 10)), "IDAT", new byte[4]);
        assertUndecodable("a.png", w, ImageType.PNG);
    }

    private static ByteWriter onePixelPngWith(String where, String type, byte[] data) {
        ByteWriter w = chunk(png(), "IHDR", ihdr(1, 1));
        if (where.equals("before")) {
            chunk(w, type, data);
        }
        chunk(w, "IDAT", new byte[12]);
        if (where.equals("after")) {
            chunk(w, type, data);
        }
        return chunk(w, "IEND", new byte[0]);
    }

    @Test
    void pngCompressedMetadataThatExpandsPastTheCapIsRefusedFastWhereverItSits() throws IOException {
        byte[] bomb = Deflated.zeros(256L << 20); // 256 MiB of text from about a quarter of a megabyte
        byte[] ztxt = ByteWriter.start().ascii("Comment").u8(0, 0).bytes(bomb).toBytes();
        byte[] itxt = ByteWriter.start().ascii("XML:com.adobe.xmp").u8(0, 1, 0).ascii("en").u8(0).u8(0).bytes(bomb)
                .toBytes();
        byte[] iccp = ByteWriter.start().ascii("ICC profile").u8(0, 0).bytes(bomb).toBytes();
        // Spread over several chunks, each under the cap, the total still counts.
        byte[] small = ByteWriter.start().ascii("Comment").u8(0, 0).bytes(Deflated.zeros(10L << 20)).toBytes();
        ByteWriter spread = chunk(chunk(chunk(chunk(chunk(png(), "IHDR", ihdr(1, 1)), "zTXt", small), "IDAT",
                new byte[12]), "zTXt", small), "zTXt", small);
        long started = System.nanoTime();
        assertTooLarge("ztxt.png", onePixelPngWith("before", "zTXt", ztxt));
        assertTooLarge("itxt.png", onePixelPngWith("after", "iTXt", itxt));
        assertTooLarge("iccp.png", onePixelPngWith("before", "iCCP", iccp));
        assertTooLarge("spread.png", spread);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void pngWithOrdinaryCompressedMetadataPasses() throws IOException {
        byte[] profile = ByteWriter.start().ascii("ICC profile").u8(0, 0).bytes(Deflated.zeros(4L << 20)).toBytes();
        byte[] text = ByteWriter.start().ascii("Comment").u8(0, 0).bytes(Deflated.zeros(1L << 20)).toBytes();
        ByteWriter w = onePixelPngWith("before", "iCCP", profile);
        assertThat(read("ok.png", w, ImageType.PNG).pixels()).isEqualTo(1);
        assertThat(read("ok2.png", onePixelPngWith("after", "zTXt", text), ImageType.PNG).pixels()).isEqualTo(1);
    }

    private void assertTooLarge(String name, ByteWriter bytes) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.write(dir.resolve(name), bytes.toBytes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeaderReader.read(file, ImageType.PNG))
                .isInstanceOfSatisfying(org.darkroom.flow.DarkroomException.class,
                        e -> assertThat(e.code()).isEqualTo(org.darkroom.flow.ErrorCode.TOO_LARGE));
    }

    // ---- GIF -----------------------------------------------------------------------------------------------

    private static ByteWriter gif(int width, int height) {
        // Packed 0xF0: a global colour table of 2 entries (6 bytes) follows the screen descriptor.
        return ByteWriter.start().ascii("GIF89a").le16(width).le16(height).u8(0xf0, 0, 0).zeros(6);
    }

    private static ByteWriter frame(ByteWriter w, int width, int height, int packed) {
        w.u8(0x2c).le16(0).le16(0).le16(width).le16(height).u8(packed);
        if ((packed & 0x80) != 0) {
            w.zeros(3 << ((packed & 7) + 1));
        }
        return w.u8(2).u8(3, 0x4c, 0x01, 0x00).u8(2, 0x01, 0x02).u8(0);
    }

    private static ByteWriter graphicControl(ByteWriter w) {
        return w.u8(0x21, 0xf9, 4, 0, 10, 0, 0, 0);
    }

    @Test
    void gifCountsFramesAndFindsALargeLaterOne() throws IOException {
        ByteWriter w = gif(10, 10);
        frame(graphicControl(w), 10, 10, 0);
        frame(graphicControl(w), 1000, 2000, 0x81).u8(0x3b);
        assertThat(read("a.gif", w, ImageType.GIF)).isEqualTo(new ImageHeader(ImageType.GIF, 10, 10, 2, 2_000_000, 1000, 2000));
    }

    @Test
    void gifCutBeforeItsFirstFrameIsUndecodable() throws IOException {
        assertUndecodable("a.gif", graphicControl(gif(10, 10)), ImageType.GIF);
        assertUndecodable("b.gif", gif(10, 10).u8(0x3b), ImageType.GIF);
    }

    @Test
    void gifCutAfterAFrameKeepsTheFramesThatArrived() throws IOException {
        ByteWriter w = frame(gif(10, 10), 10, 10, 0).u8(0x2c, 0, 0, 0);
        assertThat(read("a.gif", w, ImageType.GIF).frames()).isEqualTo(1);
    }

    @Test
    void gifWithZeroScreenUsesTheFirstFrameSize() throws IOException {
        ByteWriter w = frame(gif(0, 0), 30, 20, 0).u8(0x3b);
        assertThat(read("a.gif", w, ImageType.GIF)).isEqualTo(new ImageHeader(ImageType.GIF, 30, 20, 1, 600));
    }

    @Test
    void gifFrameScanStopsAtTheCap() throws IOException {
        ByteWriter w = gif(1, 1);
        for (int i = 0; i <= HeaderInput.MAX_STEPS; i++) {
            w.u8(0x2c).le16(0).le16(0).le16(1).le16(1).u8(0).u8(2, 0);
        }
        ImageHeader header = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> read("many.gif", w.u8(0x3b), ImageType.GIF));
        assertThat(header.frames()).isEqualTo(HeaderInput.MAX_STEPS);
    }

    // ---- BMP -----------------------------------------------------------------------------------------------

    private static ByteWriter bmp(int width, int height) {
        return ByteWriter.start().ascii("BM").le32(1000).le32(0).le32(54).le32(40).le32(width).le32(height)
                .le16(1).le16(24).zeros(24);
    }

    @Test
    void bmpTopDownNegativeHeightMeansItsMagnitude() throws IOException {
        assertThat(read("a.bmp", bmp(64, -48), ImageType.BMP))
                .isEqualTo(new ImageHeader(ImageType.BMP, 64, 48, 1, 3072));
    }

    @Test
    void bmpOs2CoreHeaderHasSixteenBitSizes() throws IOException {
        ByteWriter w = ByteWriter.start().ascii("BM").le32(1000).le32(0).le32(26).le32(12).le16(300).le16(200)
                .le16(1).le16(24);
        assertThat(read("a.bmp", w, ImageType.BMP)).isEqualTo(new ImageHeader(ImageType.BMP, 300, 200, 1, 60_000));
    }

    @Test
    void bmpWithImpossibleSizesIsUndecodable() throws IOException {
        assertUndecodable("a.bmp", bmp(64, Integer.MIN_VALUE), ImageType.BMP);
        assertUndecodable("b.bmp", bmp(0, 10), ImageType.BMP);
        assertUndecodable("c.bmp", bmp(-5, 10), ImageType.BMP);
        assertUndecodable("d.bmp", ByteWriter.start().ascii("BM").le32(1000).le32(0).le32(54).le32(40).le16(5),
                ImageType.BMP);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private ImageHeader read(String name, ByteWriter bytes, ImageType type) throws IOException {
        return Crafted.read(dir, name, bytes, type);
    }

    private void assertUndecodable(String name, ByteWriter bytes, ImageType type) throws IOException {
        Crafted.assertUndecodable(dir, name, bytes, type);
    }
}
