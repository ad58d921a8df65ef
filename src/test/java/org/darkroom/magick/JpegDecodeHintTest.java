package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.darkroom.testing.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Why ImagePlan gives the JPEG decoder its size hint only for an image at least twice the hint's sides: ImageMagick
 * 6.9.11 itself, asked what size it decodes the 640×427 sample at, says twice its size under a larger hint, its own
 * size under a hint it cannot halve, and a shrunk size only under a hint at most half its sides.
 */
class JpegDecodeHintTest {
    @ParameterizedTest
    @CsvSource({"512x512, 1280x854", "300x300, 640x427", "320x200, 320x214"})
    void imagemagick_decodes_at_these_sizes(String hint, String decoded) throws Exception {
        Process convert = new ProcessBuilder(List.of("/usr/bin/convert", "-define", "jpeg:size=" + hint,
                "jpeg:" + Samples.get("plain.jpg"), "-format", "%wx%h", "info:")).redirectErrorStream(true).start();
        String size = new String(convert.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(convert.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(size).isEqualTo(decoded);
    }
}
