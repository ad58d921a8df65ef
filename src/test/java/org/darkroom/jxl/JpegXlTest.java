package org.darkroom.jxl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.darkroom.http.HttpDoor;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Identify;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JPEG XL in and out through libjxl's real tools, and {@code format=jxl} in the catalog because they are here. */
class JpegXlTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    private final Path dir = SERVICE.dir();
    private final HttpClientSupport http = SERVICE.http();

    @Test
    void a_jpeg_xl_goes_through_the_flows() throws Exception {
        HttpResponse<byte[]> thumbnail = http.postRaw("/v1/flows/thumbnail?width=168&height=168",
                Samples.get("photo.jxl"), "image/jxl");
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/png");
        Identify small = Identify.of(HttpClientSupport.save(thumbnail, dir, "thumb.png"));
        assertThat(small.width()).isEqualTo(168);
        assertThat(small.height()).isEqualTo(112);

        JsonNode facts = HttpClientSupport.json(http.postRaw("/v1/flows/info", Samples.get("photo.jxl"), "image/jxl"))
                .at("/result");
        assertThat(facts.at("/format").asText()).isEqualTo("jxl");
        assertThat(facts.at("/mime_type").asText()).isEqualTo("image/jxl");
        assertThat(facts.at("/width").asInt()).isEqualTo(336);
        assertThat(facts.at("/height").asInt()).isEqualTo(224);
    }

    @Test
    void a_lossless_round_trip_keeps_every_pixel_and_its_transparency() throws Exception {
        HttpResponse<byte[]> encoded = http.postRaw("/v1/flows/convert?format=jxl&quality=100",
                Samples.get("alpha.png"), "image/png");
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(encoded.headers().firstValue("Content-Type")).hasValue("image/jxl");
        assertThat(encoded.body()).startsWith(0xff, 0x0a);
        JsonNode record = HttpClientSupport.json(encoded.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow());
        assertThat(record.at("/output/type").asText()).isEqualTo("jxl");
        assertThat(record.at("/output/width").asInt()).isEqualTo(400);
        Path jxl = HttpClientSupport.save(encoded, dir, "alpha.jxl");

        HttpResponse<byte[]> decoded = http.postRaw("/v1/flows/convert?format=png", jxl, "image/jxl");
        assertThat(decoded.statusCode()).isEqualTo(200);
        BufferedImage back = ImageIO.read(HttpClientSupport.save(decoded, dir, "back.png").toFile());
        BufferedImage original = ImageIO.read(Samples.get("alpha.png").toFile());
        assertThat(back.getWidth()).isEqualTo(original.getWidth());
        assertThat(back.getHeight()).isEqualTo(original.getHeight());
        for (int y = 0; y < original.getHeight(); y += 7) {
            for (int x = 0; x < original.getWidth(); x += 7) {
                assertThat(Integer.toHexString(back.getRGB(x, y))).as("pixel %d,%d", x, y)
                        .isEqualTo(Integer.toHexString(original.getRGB(x, y)));
            }
        }
    }

    @Test
    void a_lossy_thumbnail_in_jpeg_xl_is_smaller_than_a_lossless_one() throws Exception {
        HttpResponse<byte[]> lossy = http.postRaw("/v1/flows/thumbnail?width=200&height=200&format=jxl&quality=60",
                Samples.get("plain.jpg"), "image/jpeg");
        HttpResponse<byte[]> lossless = http.postRaw("/v1/flows/thumbnail?width=200&height=200&format=jxl&quality=100",
                Samples.get("plain.jpg"), "image/jpeg");
        assertThat(lossy.statusCode()).isEqualTo(200);
        assertThat(lossless.statusCode()).isEqualTo(200);
        assertThat(lossy.body().length).isLessThan(lossless.body().length);
        JsonNode record = HttpClientSupport.json(lossy.headers().firstValue(HttpDoor.RESULT_HEADER).orElseThrow());
        assertThat(record.at("/output/width").asInt()).isEqualTo(200);
        assertThat(record.at("/output/height").asInt()).isEqualTo(133);
    }

    @Test
    void the_catalog_offers_jxl_because_the_encoder_is_installed() {
        assertThat(FormatChoices.of(http, "convert", "format")).contains("jxl");
        assertThat(FormatChoices.of(http, "thumbnail", "format")).contains("auto", "jxl");
        McpSyncClient mcp = McpClients.connect(McpClients.http(SERVICE.darkroom().port()), progress -> { });
        try {
            assertThat(mcp.listTools().tools()).filteredOn(tool -> tool.name().equals("convert_image")).singleElement()
                    .extracting(tool -> String.valueOf(tool.inputSchema())).asString().contains("jxl");
        } finally {
            mcp.closeGracefully();
        }
    }
}
