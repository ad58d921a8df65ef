package org.darkroom.vision.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a model the vision flows fail fast, with the same code at every door, and everything else runs. */
class ModelMissingTest {
    @TempDir
    Path dir;

    @Test
    void every_door_answers_model_missing_naming_the_fetch_command() throws Exception {
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), Map.of())) {
            HttpClientSupport http = darkroom.http();
            HttpResponse<byte[]> caption = http.postRaw("/v1/flows/caption", Samples.get("plain.jpg"), "application/octet-stream");
            assertThat(caption.statusCode()).isEqualTo(503);
            JsonNode problem = HttpClientSupport.json(caption);
            assertThat(problem.at("/code").asText()).isEqualTo("model_missing");
            assertThat(problem.at("/detail").asText()).contains("./darkroom fetch-model");
            // Fast: refused before intake, so even a body that is no image gets the same answer.
            assertThat(http.postRaw("/v1/flows/detect?object=cat", Samples.get("not-an-image.jpg"), "application/octet-stream")
                    .statusCode()).isEqualTo(503);

            McpSyncClient client = McpClients.connect(McpClients.http(darkroom.port()), progress -> { });
            try {
                CallToolResult result = client.callTool(new CallToolRequest("caption_image", Map.of("data",
                        Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get("plain.jpg"))))));
                assertThat(result.isError()).isTrue();
                assertThat(((TextContent) result.content().get(0)).text()).startsWith("model_missing: ");
            } finally {
                client.closeGracefully();
            }

            DataDir data = darkroom.data();
            data.drop("caption", Samples.get("plain.jpg"), "plain.jpg");
            data.drop("thumbnail", Samples.get("plain.jpg"), "plain.jpg");
            data.awaitAccounted("caption", 1, Duration.ofSeconds(20));
            data.awaitAccounted("thumbnail", 1, Duration.ofSeconds(20));
            assertThat(DataDir.inputs(data.failed("caption"))).containsExactly("plain.jpg");
            assertThat(data.error("caption", "plain.jpg").at("/code").asText()).isEqualTo("model_missing");
            assertThat(DataDir.inputs(data.archive("thumbnail"))).containsExactly("plain.jpg");
        }
    }
}
