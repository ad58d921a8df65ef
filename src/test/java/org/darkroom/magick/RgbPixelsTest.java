package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.testing.AcceptedFiles;
import org.darkroom.testing.MagickProcess;
import org.darkroom.testing.Samples;
import org.darkroom.vision.preprocess.Ppm;
import org.darkroom.vision.preprocess.RgbImage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vision encoder's pixels come from a planned ImageMagick job like every other image: the same pixels as the
 * command the vision flows used to build by hand, now with explicit coders, metadata stripped last and the plan's
 * width and height limits, run for real under the project's policy.
 */
class RgbPixelsTest {
    @TempDir
    Path dir;

    /** The command {@code VisionFlows.pixelArguments} built by hand before the decode became a plan. */
    private static MagickJob formerCommand(AcceptedImage input, Path ppm) {
        return new MagickJob(List.of(input.type().coder() + ":" + input.file() + "[0]", "-auto-orient", "-alpha",
                "off", "-colorspace", "sRGB", "-type", "TrueColor", "-depth", "8", "-strip", "ppm:" + ppm), ppm, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo.jpg", "alpha.png", "scan.tiff", "animated.gif", "icon.bmp", "photo.webp"})
    void the_planned_decode_gives_the_same_pixels_as_the_former_command(String sample) throws IOException {
        MagickEnvironment environment = MagickProcess.environment(Samples.projectDir(), dir);
        AcceptedImage input = AcceptedFiles.copy(Samples.get(sample), dir.resolve("job"));

        Path planned = MagickProcess.run(environment, ImagePlan.rgbPixels(input, dir.resolve("job/pixels.ppm")));
        Path former = MagickProcess.run(environment, formerCommand(input, dir.resolve("job/former.ppm")));

        assertThat(Files.mismatch(planned, former)).as("first differing byte of %s", sample).isEqualTo(-1L);
        RgbImage pixels = Ppm.read(planned, input.header().width() * (long) input.header().height());
        assertThat(pixels.width() * pixels.height()).isEqualTo(input.header().width() * input.header().height());
    }

    @Test
    void an_exif_rotated_photo_is_decoded_upright() throws IOException {
        AcceptedImage input = AcceptedFiles.copy(Samples.get("photo.jpg"), dir.resolve("job"));
        Path ppm = MagickProcess.run(MagickProcess.environment(Samples.projectDir(), dir),
                ImagePlan.rgbPixels(input, dir.resolve("job/pixels.ppm")));

        RgbImage upright = Ppm.read(ppm, 1_000_000);
        assertThat(upright.width()).isEqualTo(427);
        assertThat(upright.height()).isEqualTo(640);
        // The red block drawn in the stored image's top-left corner is top-right once turned a quarter clockwise.
        int at = 3 * (10 * upright.width() + 420);
        int[] drawn = {0xc0, 0x39, 0x2b};
        for (int channel = 0; channel < 3; channel++) {
            assertThat(upright.rgb()[at + channel] & 0xff).as("channel %d", channel)
                    .isCloseTo(drawn[channel], within(8));
        }
    }

    @Test
    void the_command_names_both_coders_reads_one_frame_and_strips_last() {
        AcceptedImage input = AcceptedFiles.copy(Samples.get("animated.gif"), dir.resolve("job"));
        MagickJob job = ImagePlan.rgbPixels(input, dir.resolve("job/pixels.ppm"));

        assertThat(job.args()).startsWith("gif:" + input.file() + "[0]")
                .endsWith("-strip", "ppm:" + dir.resolve("job/pixels.ppm"));
        assertThat(job.shape()).as("planned, so ImageMagick gets width and height limits").isNotNull();
        assertThat(job.outputType()).as("no door returns these pixels").isNull();
    }

    @Test
    void no_imagemagick_command_is_built_outside_the_magick_package() throws IOException {
        Path sources = Samples.projectDir().resolve("src/main/java/org/darkroom");
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> builders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(sources.resolve("magick")))
                    .filter(file -> read(file).contains("new MagickJob(")).toList();
            assertThat(builders).as("sources outside magick that build ImageMagick arguments").isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
