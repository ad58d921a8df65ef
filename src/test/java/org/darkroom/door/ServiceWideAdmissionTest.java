package org.darkroom.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.OriginServer;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One limit of work in progress for the whole service ({@code darkroom.max-in-flight}): with its one place held by a
 * request that is fetching its image, every door that can retry answers {@code busy} at once (HTTP 429, an MCP tool
 * result over /mcp and over stdio, a batch as a whole), and a dropped file waits in its inbox, then runs.
 */
class ServiceWideAdmissionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void with_every_place_held_http_and_mcp_answer_busy_and_the_drop_folder_waits() throws Exception {
        int port = HttpClientSupport.freePort();
        try (OriginServer origin = OriginServer.holding("held.jpg", "plain.jpg");
             RunningDarkroom darkroom = RunningDarkroom.start(dir, Map.of("darkroom.http.port", String.valueOf(port),
                     "darkroom.max-in-flight", "1", "darkroom.fetch.allow-http", "true",
                     "darkroom.fetch.allow-private-addresses", "true"))) {
            HttpClientSupport http = darkroom.http();
            CompletableFuture<HttpResponse<byte[]>> holder = CompletableFuture.supplyAsync(() ->
                    http.postJson("/v1/flows/thumbnail", "{\"url\": \"" + origin.base() + "/held.jpg\"}"));
            origin.awaitAsked(DEADLINE);

            HttpResponse<byte[]> refused = http.postRaw("/v1/flows/thumbnail", Samples.get("plain.jpg"), "image/jpeg");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(HttpClientSupport.json(refused).path("code").asText()).isEqualTo("busy");

            McpSyncClient mcp = McpClients.connect(McpClients.http(port), progress -> { });
            try {
                assertBusy(mcp.callTool(thumbnail()));
                assertBusy(mcp.callTool(new McpSchema.CallToolRequest("batch_process", Map.of("flow", "thumbnail",
                        "items", List.of(Map.of("data", data()), Map.of("data", data()))))));
            } finally {
                mcp.closeGracefully();
            }

            DataDir data = darkroom.data();
            Files.copy(Samples.get("plain.jpg"), data.inbox("thumbnail").resolve("waits.jpg"));
            // Settle (200 ms in tests) and more: the file is picked up and waits for the place, failing nothing.
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    DataDir.inputs(data.failed("thumbnail")).isEmpty()
                            && !Files.exists(data.outbox("thumbnail").resolve("waits.jpg.json")));

            origin.release();
            assertThat(holder.get().statusCode()).isEqualTo(200);
            Awaitility.await().atMost(DEADLINE).until(() ->
                    Files.exists(data.outbox("thumbnail").resolve("waits.jpg.json")));
            assertThat(data.archive("thumbnail").resolve("waits.jpg")).exists();
            assertThat(DataDir.inputs(data.failed("thumbnail"))).isEmpty();
            assertThat(http.postRaw("/v1/flows/thumbnail", Samples.get("plain.jpg"), "image/jpeg").statusCode())
                    .as("the place came back").isEqualTo(200);
        }
    }

    @Test
    void a_tool_call_over_stdio_is_busy_while_another_holds_the_only_place() throws Exception {
        Path data = dir.resolve("data");
        try (OriginServer origin = OriginServer.holding("held.jpg", "plain.jpg")) {
            McpSyncClient mcp = McpClients.connect(McpClients.stdio(data, Map.of("darkroom.max-in-flight", "1",
                    "darkroom.fetch.allow-http", "true", "darkroom.fetch.allow-private-addresses", "true"),
                    dir.resolve("stdout.tap"), dir.resolve("stderr.log")), progress -> { });
            try {
                CompletableFuture<McpSchema.CallToolResult> holder = CompletableFuture.supplyAsync(() ->
                        mcp.callTool(new McpSchema.CallToolRequest("image_info",
                                Map.of("url", origin.base() + "/held.jpg"))));
                origin.awaitAsked(DEADLINE);

                assertBusy(mcp.callTool(thumbnail()));

                origin.release();
                assertThat(holder.get().isError()).isFalse();
                assertThat(mcp.callTool(thumbnail()).isError()).as("the place came back").isFalse();
            } finally {
                mcp.closeGracefully();
            }
        }
    }

    private static void assertBusy(McpSchema.CallToolResult result) {
        assertThat(result.isError()).isTrue();
        assertThat(((Map<?, ?>) result.structuredContent()).get("code")).isEqualTo("busy");
    }

    private static McpSchema.CallToolRequest thumbnail() throws Exception {
        return new McpSchema.CallToolRequest("thumbnail_image", Map.of("data", data()));
    }

    private static String data() throws Exception {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get("plain.jpg")));
    }
}
