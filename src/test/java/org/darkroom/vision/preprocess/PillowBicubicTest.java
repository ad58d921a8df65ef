package org.darkroom.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The resampler against Pillow 9.4's own output (tools/make-resample-reference.py): byte equality is the bar. */
class PillowBicubicTest {
    static Stream<Arguments> pillowCases() {
        return StreamSupport.stream(PillowReference.load().get("resize").spliterator(), false)
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pillowCases")
    void matchesPillowByteForByte(String name, JsonNode c) {
        RgbImage src = PillowReference.source(c.get("sourceWidth").asInt(), c.get("sourceHeight").asInt());
        JsonNode box = c.get("box");
        int outW = c.get("outWidth").asInt();
        int outH = c.get("outHeight").asInt();
        RgbImage out = PillowBicubic.resize(src, box.get(0).asInt(), box.get(1).asInt(), box.get(2).asInt(),
                box.get(3).asInt(), outW, outH);

        assertThat(out.width()).isEqualTo(outW);
        assertThat(out.height()).isEqualTo(outH);
        List<String> wrongSamples = new ArrayList<>();
        for (JsonNode s : c.get("samples")) {
            int o = (s.get(1).asInt() * outW + s.get(0).asInt()) * 3;
            int[] expected = {s.get(2).asInt(), s.get(3).asInt(), s.get(4).asInt()};
            int[] actual = {out.rgb()[o] & 0xff, out.rgb()[o + 1] & 0xff, out.rgb()[o + 2] & 0xff};
            if (!Arrays.equals(expected, actual)) {
                wrongSamples.add("(" + s.get(0) + "," + s.get(1) + "): pillow " + Arrays.toString(expected)
                        + ", ours " + Arrays.toString(actual));
            }
        }
        assertThat(wrongSamples).as("sampled pixels").isEmpty();
        assertThat(PillowReference.sha256(out.rgb())).as("SHA-256 of all output bytes")
                .isEqualTo(c.get("sha256").asText());
    }

    @Test
    void wholeImageOverloadIsTheFullBox() {
        RgbImage src = PillowReference.source(91, 57);
        assertThat(PillowBicubic.resize(src, 40, 33)).isEqualTo(PillowBicubic.resize(src, 0, 0, 91, 57, 40, 33));
    }

    @Test
    void aFlatImageStaysFlatAtAnyScale() {
        // Weights sum to one after rounding only approximately; a flat colour must still come out unchanged.
        byte[] rgb = new byte[123 * 77 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) 200;
            rgb[i + 1] = 17;
            rgb[i + 2] = (byte) 255;
        }
        RgbImage flat = new RgbImage(123, 77, rgb);
        for (int[] size : new int[][] {{378, 378}, {5, 3}, {1000, 20}}) {
            byte[] out = PillowBicubic.resize(flat, size[0], size[1]).rgb();
            for (int i = 0; i < out.length; i += 3) {
                assertThat(new int[] {out[i] & 0xff, out[i + 1] & 0xff, out[i + 2] & 0xff})
                        .containsExactly(200, 17, 255);
            }
        }
    }

    @Test
    void aBoxOutsideTheImageOrAnEmptyOneIsRefused() {
        RgbImage src = PillowReference.source(10, 10);
        assertThatThrownBy(() -> PillowBicubic.resize(src, 0, 0, 11, 10, 5, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the 10x10 image");
        assertThatThrownBy(() -> PillowBicubic.resize(src, 4, 0, 4, 10, 5, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> PillowBicubic.resize(src, 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Output size");
    }
}
