package org.darkroom.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Template choice, crops and the float16 tensor together, against the client's preprocessing run with Pillow and
 * numpy (tools/make-resample-reference.py): what the vision encoder receives must be bit-identical.
 */
class PreprocessPipelineTest {
    static Stream<Arguments> pipelineCases() {
        return StreamSupport.stream(PillowReference.load().get("pipeline").spliterator(), false)
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelineCases")
    void encoderInputIsBitIdenticalToTheClients(String name, JsonNode c) {
        RgbImage image = PillowReference.source(c.get("sourceWidth").asInt(), c.get("sourceHeight").asInt());
        CropTemplate template = CropTemplate.choose(image.width(), image.height());
        assertThat(template).isEqualTo(new CropTemplate(c.get("rows").asInt(), c.get("cols").asInt()));

        List<RgbImage> crops = Crops.of(image, template);
        assertThat(crops).hasSize(template.crops()).allSatisfy(crop -> {
            assertThat(crop.width()).isEqualTo(378);
            assertThat(crop.height()).isEqualTo(378);
        });
        for (int i = 0; i < crops.size(); i++) {
            assertThat(PillowReference.sha256(crops.get(i).rgb())).as("crop %d", i)
                    .isEqualTo(c.get("cropSha256").get(i).asText());
        }

        ByteBuffer tensor = PixelTensor.float16Nchw(crops);
        assertThat(tensor.isDirect()).isTrue();
        assertThat(tensor.order()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(tensor.remaining()).isEqualTo(crops.size() * 3 * 378 * 378 * 2);
        assertThat(PillowReference.sha256(littleEndian(tensor))).isEqualTo(c.get("float16Sha256").asText());
    }

    @Test
    void normalisationOfEveryByteValueMatchesNumpy() {
        byte[] ramp = new byte[256 * 3];
        for (int v = 0; v < 256; v++) {
            ramp[3 * v] = ramp[3 * v + 1] = ramp[3 * v + 2] = (byte) v;
        }
        ShortBuffer halves = PixelTensor.float16Nchw(List.of(new RgbImage(256, 1, ramp))).asShortBuffer();
        JsonNode expected = PillowReference.load().get("normalisedFloat16");
        for (int v = 0; v < 256; v++) {
            assertThat(Short.toUnsignedInt(halves.get(v))).as("value %d", v).isEqualTo(expected.get(v).asInt());
        }
        assertThat(Float16.toFloats(halves)).startsWith(-1f).endsWith(1f);   // the whole R plane: -1 .. 1
    }

    @Test
    void tensorIsPlanarRgbPerCrop() {
        // Two 1x2 crops: planes must come out as crop0 R, G, B then crop1 R, G, B, pixels in order.
        RgbImage a = new RgbImage(2, 1, new byte[] {0, 51, 102, (byte) 153, (byte) 204, (byte) 255});
        RgbImage b = new RgbImage(2, 1, new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0});
        float[] values = Float16.toFloats(PixelTensor.float16Nchw(List.of(a, b)).asShortBuffer());
        assertThat(values).containsExactly(new float[] {-1f, 0.2f, -0.6f, 0.6f, -0.2f, 1f, 1f, -1f, -1f, 1f, -1f, -1f},
                within(1e-3f));   // float16 keeps about 3 decimal digits
    }

    @Test
    void cropsOfDifferentSizesAreRefused() {
        assertThatThrownBy(() -> PixelTensor.float16Nchw(List.of(new RgbImage(1, 1, new byte[3]),
                new RgbImage(2, 1, new byte[6])))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differ in size");
    }

    @Test
    void localCropsTileTheImageRowMajorDroppingRemainders() {
        // 1001x757 with (2,2): tiles are 500x378; column 1000 and row 756 belong to no tile.
        RgbImage image = PillowReference.source(1001, 757);
        List<RgbImage> crops = Crops.of(image, new CropTemplate(2, 2));
        assertThat(crops).hasSize(5);
        assertThat(crops.get(0)).isEqualTo(PillowBicubic.resize(image, 378, 378));
        assertThat(crops.get(2)).isEqualTo(PillowBicubic.resize(image, 500, 0, 1000, 378, 378, 378));
        assertThat(crops.get(3)).isEqualTo(PillowBicubic.resize(image, 0, 378, 500, 756, 378, 378));
        assertThat(crops.get(4)).isEqualTo(PillowBicubic.resize(image, 500, 378, 1000, 756, 378, 378));
    }

    /** The tensor's float16 values as little-endian bytes, numpy's {@code <f2}, whatever the native order. */
    private static byte[] littleEndian(ByteBuffer tensor) {
        ByteBuffer le = ByteBuffer.allocate(tensor.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        le.asShortBuffer().put(tensor.duplicate().order(tensor.order()).asShortBuffer());
        return le.array();
    }
}
