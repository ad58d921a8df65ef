package org.darkroom.raw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.darkroom.http.HttpDoor;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Identify;
import org.darkroom.testing.Magick;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Camera raw in, through the HTTP door and LibRaw's real developer: {@code samples/photo.dng} (a 256×160 RGGB sensor
 * image, orange-red on the left and green on the right, behind a 32×24 solid blue preview) develops to its sensor's
 * size and colours, and the hostile DNGs are refused with their codes.
 */
class CameraRawInputTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    private final Path dir = SERVICE.dir();
    private final HttpClientSupport http = SERVICE.http();

    @Test
    void the_sensor_data_is_developed_never_the_embedded_preview() throws Exception {
        HttpResponse<byte[]> converted = http.postRaw("/v1/flows/convert?format=png", Samples.get("photo.dng"),
                "image/x-adobe-dng");
        assertThat(converted.statusCode()).isEqualTo(200);
        Path png = HttpClientSupport.save(converted, dir, "developed.png");
        Identify image = Identify.of(png);
        assertThat(image.width()).isEqualTo(256);
        assertThat(image.height()).isEqualTo(160);
        // LibRaw's own development of the same file (samples/README.md): 237,101,42 and 60,205,80.
        assertNear(Magick.pixel(png, 40, 80), 237, 101, 42);
        assertNear(Magick.pixel(png, 190, 40), 60, 205, 80);
        JsonNode record = HttpClientSupport.json(converted.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow());
        assertThat(record.at("/input/type").asText()).isEqualTo("raw");
        assertThat(record.at("/input/width").asInt()).isEqualTo(256);
    }

    @Test
    void a_raw_becomes_a_jpeg_unless_asked_otherwise_and_info_names_the_camera() throws Exception {
        HttpResponse<byte[]> thumbnail = http.postRaw("/v1/flows/thumbnail?width=128&height=128",
                Samples.get("photo.dng"), "application/octet-stream");
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        Identify small = Identify.of(HttpClientSupport.save(thumbnail, dir, "thumb.jpg"));
        assertThat(small.width()).isEqualTo(128);
        assertThat(small.height()).isEqualTo(80);

        HttpResponse<byte[]> info = http.postRaw("/v1/flows/info", Samples.get("photo.dng"), "image/x-adobe-dng");
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode facts = HttpClientSupport.json(info).at("/result");
        assertThat(facts.at("/format").asText()).isEqualTo("raw");
        assertThat(facts.at("/width").asInt()).isEqualTo(256);
        assertThat(facts.at("/height").asInt()).isEqualTo(160);
        assertThat(facts.at("/metadata/camera_make").asText()).isEqualTo("Darkroom");
        assertThat(facts.at("/metadata/camera_model").asText()).isEqualTo("Test Camera");
    }

    @Test
    void hostile_raw_files_are_refused_with_their_codes() throws Exception {
        assertThat(codeOf("truncated.dng", "image/x-adobe-dng")).isEqualTo("undecodable");
        assertThat(codeOf("huge.dng", "image/x-adobe-dng")).isEqualTo("too_many_pixels");
        // A plain TIFF claiming to be a DNG: its name or type says raw, its directories hold no sensor data.
        assertThat(codeOf("fake.dng", "image/x-adobe-dng")).isEqualTo("type_mismatch");
        HttpResponse<byte[]> named = http.postMultipart("/v1/flows/thumbnail", Samples.get("fake.dng"), "fake.dng");
        assertThat(HttpClientSupport.json(named).at("/code").asText()).isEqualTo("type_mismatch");

        // Sensor data in the first directory, cut short: still a raw (never handed on as a TIFF), and undecodable.
        Path whole = SyntheticDng.write(dir.resolve("whole.dng"), 64, 48);
        byte[] bytes = java.nio.file.Files.readAllBytes(whole);
        Path cut = java.nio.file.Files.write(dir.resolve("cut.dng"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        HttpResponse<byte[]> unnamed = http.postRaw("/v1/flows/thumbnail", cut, "application/octet-stream");
        assertThat(HttpClientSupport.json(unnamed).at("/code").asText()).isEqualTo("undecodable");
        assertThat(http.postRaw("/v1/flows/thumbnail", whole, "application/octet-stream").statusCode()).isEqualTo(200);
    }

    @Test
    void a_raw_whose_structure_is_sound_but_holds_no_sensor_data_is_undecodable() throws Exception {
        // A RAF's magic and record table (1000 × 800) and nothing else: intake accepts it, LibRaw finds no image
        // (and exits 0 all the same, so the missing output is what tells).
        java.nio.ByteBuffer raf = java.nio.ByteBuffer.allocate(256);
        raf.put("FUJIFILMCCD-RAW 0201FF129502".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        raf.putInt(92, 128).putInt(128, 1).putShort(132, (short) 0x100).putShort(134, (short) 4)
                .putShort(136, (short) 800).putShort(138, (short) 1000);
        Path file = java.nio.file.Files.write(dir.resolve("empty.raf"), raf.array());
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/thumbnail", file, "image/x-fuji-raf");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo("undecodable");
    }

    private String codeOf(String sample, String contentType) throws Exception {
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/thumbnail", Samples.get(sample), contentType);
        assertThat(response.statusCode()).as(sample).isBetween(400, 499);
        return HttpClientSupport.json(response).at("/code").asText();
    }

    private static void assertNear(String rgb, int r, int g, int b) {
        String[] parts = rgb.split(",");
        int[] expected = {r, g, b};
        for (int i = 0; i < 3; i++) {
            assertThat(Integer.parseInt(parts[i])).as("channel %d of %s", i, rgb).isBetween(expected[i] - 12,
                    expected[i] + 12);
        }
    }
}
