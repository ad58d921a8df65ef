package org.darkroom.jxl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import io.modelcontextprotocol.client.McpSyncClient;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An installation without the outside decoders and encoders ({@code darkroom.magick.tools-dir} where none is): the
 * types they serve are refused with a sentence that names the package, and {@code jxl} is in no schema.
 */
class MissingToolsTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of("darkroom.magick.tools-dir",
            "/nonexistent/darkroom-tools"));
    private final HttpClientSupport http = SERVICE.http();

    @Test
    void jxl_is_offered_nowhere_and_refused_as_a_parameter() throws Exception {
        assertThat(FormatChoices.of(http, "convert", "format")).isNotEmpty().doesNotContain("jxl");
        assertThat(FormatChoices.of(http, "thumbnail", "format")).contains("auto", "png").doesNotContain("jxl");
        String openapi = new String(http.send(http.request("/openapi.json").GET().build()).body());
        assertThat(openapi).contains("\"webp\"").doesNotContain("\"jxl\"");
        McpSyncClient mcp = McpClients.connect(McpClients.http(SERVICE.darkroom().port()), progress -> { });
        try {
            String schemas = mcp.listTools().tools().stream().map(tool -> String.valueOf(tool.inputSchema()))
                    .reduce("", String::concat);
            assertThat(schemas).contains("webp").doesNotContain("jxl");
        } finally {
            mcp.closeGracefully();
        }
        HttpResponse<byte[]> asked = http.postRaw("/v1/flows/convert?format=jxl", Samples.get("plain.jpg"),
                "image/jpeg");
        assertThat(HttpClientSupport.json(asked).at("/code").asText()).isEqualTo("bad_parameter");
    }

    @Test
    void inputs_whose_decoder_is_missing_are_refused_with_what_to_install() throws Exception {
        assertRefused("photo.jxl", "image/jxl", "libjxl-tools");
        assertRefused("photo.dng", "image/x-adobe-dng", "libraw-bin");
        assertRefused("drawing.svg", "image/svg+xml", "librsvg2-bin");
    }

    private void assertRefused(String sample, String contentType, String debianPackage) throws Exception {
        HttpResponse<byte[]> response = http.postRaw("/v1/flows/thumbnail", Samples.get(sample), contentType);
        assertThat(response.statusCode()).as(sample).isEqualTo(415);
        JsonNode problem = HttpClientSupport.json(response);
        assertThat(problem.at("/code").asText()).isEqualTo("unsupported_type");
        assertThat(problem.toString()).contains(debianPackage).doesNotContain("/nonexistent");
    }
}
