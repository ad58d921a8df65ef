package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Magick;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits hold against what ImageMagick would really do: a header that lies stops in the decoder, requests that
 * explode from small inputs are refused before anything runs, and the frame limit is one number both sides agree on.
 */
class JobLimitsTest {
    @TempDir
    Path dir;

    @Test
    void lies_and_explosions_end_with_their_code_and_the_frame_limit_is_exact() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), Map.ofEntries(
                Map.entry("darkroom.inbox.big.flow", "resize"),
                Map.entry("darkroom.inbox.big.width", "8000"),
                Map.entry("darkroom.inbox.big.height", "8000"),
                Map.entry("darkroom.inbox.big.fit", "fill"),
                Map.entry("darkroom.inbox.big.upscale", "true"),
                Map.entry("darkroom.inbox.spin.flow", "transform"),
                Map.entry("darkroom.inbox.spin.operations", "rotate degrees=45; blur sigma=50; ".repeat(10)),
                Map.entry("darkroom.inbox.frames.flow", "convert"),
                Map.entry("darkroom.inbox.blurs.flow", "transform"),
                Map.entry("darkroom.inbox.blurs.operations",
                        "resize width=3000 upscale=true; " + "blur sigma=50; ".repeat(5)),
                Map.entry("darkroom.inbox.frames.format", "tiff")))) {
            DataDir data = darkroom.data();

            // HEIC and AVIF whose only ispe claims 20x20; the coded image is 1200x1200.
            data.drop("thumbnail", liar(Magick.make(dir, "big.heic", 1200, 1200, "plasma:fractal", 1), "lie.heic"),
                    "lie.heic");
            data.drop("thumbnail", liar(Magick.make(dir, "big.avif", 1200, 1200, "plasma:fractal", 1), "lie.avif"),
                    "lie.avif");
            // A tiny PNG asked for 8000x8000 (64 MP), and a small JPEG asked for ten turns and blurs.
            Path tiny = Magick.make(dir, "tiny.png", 16, 16, "xc:red", 1);
            data.drop("big", tiny, "tiny.png");
            data.drop("spin", Samples.get("plain.jpg"), "plain.jpg");
            data.drop("blurs", Samples.get("plain.jpg"), "plain.jpg");
            // Frames at max-frames - 1, max-frames and max-frames + 1 (64 by default).
            for (int frames : new int[] {63, 64, 65}) {
                data.drop("frames", pages(frames), frames + ".tif");
            }
            long started = System.nanoTime();
            data.awaitAccounted("thumbnail", 2, Duration.ofSeconds(60));
            data.awaitAccounted("big", 1, Duration.ofSeconds(60));
            data.awaitAccounted("spin", 1, Duration.ofSeconds(60));
            data.awaitAccounted("blurs", 1, Duration.ofSeconds(60));
            data.awaitAccounted("frames", 3, Duration.ofSeconds(60));

            assertThat(data.error("thumbnail", "lie.heic").at("/code").asText()).isEqualTo("too_many_pixels");
            assertThat(data.error("thumbnail", "lie.avif").at("/code").asText()).isEqualTo("too_many_pixels");
            assertThat(data.error("big", "tiny.png").at("/code").asText()).isEqualTo("too_many_pixels");
            assertThat(data.error("big", "tiny.png").at("/message").asText()).contains("64.0 MP");
            // Ten 45° turns grow the canvas about 32 times each way: refused for the pixels it would make.
            assertThat(data.error("spin", "plain.jpg").at("/code").asText()).isEqualTo("too_many_pixels");
            assertThat(data.error("blurs", "plain.jpg").at("/code").asText()).isEqualTo("bad_parameter");
            assertThat(data.error("blurs", "plain.jpg").at("/message").asText()).contains("pixel-passes");
            assertThat(DataDir.inputs(data.archive("frames"))).containsExactlyInAnyOrder("63.tif", "64.tif");
            assertThat(data.error("frames", "65.tif").at("/code").asText()).isEqualTo("too_many_frames");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("nothing held a worker for long")
                    .isLessThan(Duration.ofSeconds(30));
        }
    }

    /** A copy of a real HEIF file whose one ispe box is rewritten to claim 20x20. */
    private Path liar(Path source, String name) throws Exception {
        byte[] bytes = Files.readAllBytes(source);
        int ispe = indexOf(bytes, "ispe".getBytes());
        assertThat(ispe).isPositive();
        for (int field : new int[] {ispe + 8, ispe + 12}) {
            bytes[field] = 0;
            bytes[field + 1] = 0;
            bytes[field + 2] = 0;
            bytes[field + 3] = 20;
        }
        return Files.write(dir.resolve(name), bytes);
    }

    /** A TIFF of {@code frames} pages (ImageMagick 6 writes GIF frames slowly, TIFF pages at once). */
    private Path pages(int frames) throws Exception {
        Path file = dir.resolve(frames + "-pages.tif");
        Process process = new ProcessBuilder("/usr/bin/convert", "-size", "4x4", "xc:red", "-duplicate",
                Integer.toString(frames - 1), file.toString()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return file;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
