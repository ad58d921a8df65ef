package org.darkroom.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PPM as ImageMagick 6 writes it, and the refusals that keep a lying header from costing memory. */
class PpmTest {
    private static final Path CONVERT = Path.of("/usr/bin/convert");

    @TempDir
    Path dir;

    /** Runs {@code convert} as Darkroom does: empty environment, argv list, no shell. */
    private void convert(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "-i", "PATH=/usr/bin:/bin",
                "MAGICK_TEMPORARY_PATH=" + dir, CONVERT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("convert did not finish: " + command);
        }
        assertThat(process.exitValue()).as("convert %s: %s", List.of(args), output).isZero();
    }

    private Path png(RgbImage image) throws IOException {
        Path png = dir.resolve("in.png");
        ImageIO.write(image.toBufferedImage(), "png", png.toFile());
        return png;
    }

    private Path file(String name, String header, int rasterBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < rasterBytes; i++) {
            bytes.write(i);
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    @Test
    void readsImageMagicksOutputPixelForPixel() throws Exception {
        RgbImage image = PillowReference.source(301, 77);
        Path png = png(image);
        convert(png.toString(), "-auto-orient", "ppm:" + dir.resolve("out.ppm"));
        assertThat(Ppm.read(dir.resolve("out.ppm"), 1_000_000)).isEqualTo(image);
    }

    @Test
    void readsImageMagicksCommentLines() throws Exception {
        RgbImage image = PillowReference.source(13, 9);
        Path png = png(image);
        // IM writes an image comment as '#' lines after the magic number.
        convert(png.toString(), "-set", "comment", "first line\n# 255 10 10 looks like a header\n",
                "ppm:" + dir.resolve("out.ppm"));
        assertThat(Files.readAllBytes(dir.resolve("out.ppm"))[2]).isEqualTo((byte) '\n');
        assertThat(Files.readString(dir.resolve("out.ppm"), StandardCharsets.ISO_8859_1)).contains("#first line");
        assertThat(Ppm.read(dir.resolve("out.ppm"), 1_000)).isEqualTo(image);
    }

    @Test
    void commentsMayEndAnyTokenAsTheNetpbmSpecAllows() throws IOException {
        Path ppm = file("c.ppm", "P6#magic\n2 #w\n\t1#h\r255#maxval, then the raster\n", 6);
        RgbImage image = Ppm.read(ppm, 2);
        assertThat(image.width()).isEqualTo(2);
        assertThat(image.height()).isEqualTo(1);
        assertThat(image.rgb()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void theRasterStartsAfterExactlyOneWhitespaceByte() throws IOException {
        // The second newline is pixel data (value 10), not header.
        Path ppm = file("ws.ppm", "P6 1 1 255\n\n", 2);
        assertThat(Ppm.read(ppm, 1).rgb()).containsExactly(10, 0, 1);
    }

    @Test
    void sixteenBitOutputIsRefusedWithAHint() throws Exception {
        Path png = png(PillowReference.source(4, 4));
        convert(png.toString(), "-depth", "16", "ppm:" + dir.resolve("deep.ppm"));
        assertThatThrownBy(() -> Ppm.read(dir.resolve("deep.ppm"), 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxval is 65535").hasMessageContaining("-depth 8");
    }

    @Test
    void aHeaderClaimingTooManyPixelsIsRefusedBeforeReadingThem() throws IOException {
        Path ppm = file("big.ppm", "P6\n100000 100000\n255\n", 30);
        assertThatThrownBy(() -> Ppm.read(ppm, 50_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100000x100000 = 10000000000 pixels").hasMessageContaining("limit of 50000000");
    }

    @Test
    void aTruncatedRasterIsRefused() throws IOException {
        Path ppm = file("short.ppm", "P6\n4 4\n255\n", 47);
        assertThatThrownBy(() -> Ppm.read(ppm, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated").hasMessageContaining("needs 48 bytes").hasMessageContaining("47");
    }

    @Test
    void otherFormatsAndBrokenHeadersAreRefused() throws IOException {
        assertThatThrownBy(() -> Ppm.read(file("p3.ppm", "P3\n1 1\n255\n0 0 0\n", 0), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not start with P6").hasMessageContaining("p3.ppm");
        assertThatThrownBy(() -> Ppm.read(file("eof.ppm", "P6\n4 4", 0), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends early");
        assertThatThrownBy(() -> Ppm.read(file("neg.ppm", "P6\n-4 4\n255\n", 48), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected the width");
        assertThatThrownBy(() -> Ppm.read(file("zero.ppm", "P6\n0 4\n255\n", 0), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x4");
        assertThatThrownBy(() -> Ppm.read(file("huge.ppm", "P6\n99999999999 1\n255\n", 0), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width is too large");
        assertThatThrownBy(() -> Ppm.read(file("maxval.ppm", "P6\n1 1\n15\n", 3), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxval is 15");
        assertThatThrownBy(() -> Ppm.read(file("comment.ppm", "P6\n#" + "x".repeat(70_000) + "\n1 1\n255\n", 3), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the header is longer than");
    }
}
