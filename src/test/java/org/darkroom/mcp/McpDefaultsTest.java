package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP door on default settings, plus API keys: no file access until roots are set (and the refusal says which
 * setting), URLs under the default fetch rules, and {@code /mcp} behind the HTTP door's key.
 */
class McpDefaultsTest {
    private static final String KEY = "mcp-test-key";

    @TempDir
    Path dir;

    @Test
    void defaults_open_no_folders_fetch_only_public_https_and_keys_guard_the_endpoint() throws Exception {
        int port = HttpClientSupport.freePort();
        try (RunningDarkroom ignored = RunningDarkroom.start(dir.resolve("data"), Map.of(
                "darkroom.http.port", String.valueOf(port), "darkroom.http.api-keys", KEY))) {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            HttpResponse<byte[]> anonymous = http.send(http.request("/mcp")
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(HttpClientSupport.json(anonymous).at("/code").asText()).isEqualTo("unauthorized");

            // A protocol version the server does not speak is refused as the specification says: 400.
            HttpResponse<byte[]> unknownVersion = http.send(http.request("/mcp")
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").header("MCP-Protocol-Version", "1999-01-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build());
            assertThat(unknownVersion.statusCode()).isEqualTo(400);
            assertThat(new String(unknownVersion.body())).contains("1999-01-01", "2025-06-18");

            McpSyncClient client = McpClients.connect(HttpClientStreamableHttpTransport
                    .builder("http://127.0.0.1:" + port).endpoint("/mcp")
                    .httpRequestCustomizer((request, method, uri, body, context) -> request
                            .header("Authorization", "Bearer " + KEY)
                            // With a key, the origin does not matter: the key is what a web page cannot have.
                            .header("Origin", "https://assistant.example"))
                    .build(), progress -> { });
            try {
                Path photo = Files.copy(Samples.get("plain.jpg"), dir.resolve("plain.jpg"));
                CallToolResult byPath = call(client, Map.of("path", photo.toString()));
                CallToolResult output = call(client, Map.of("data", Base64.getEncoder().encodeToString(
                        Files.readAllBytes(photo)), "output_path", dir.resolve("out.jpg").toString()));
                CallToolResult loopback = call(client, Map.of("url", "https://127.0.0.1/photo.jpg"));
                CallToolResult plainHttp = call(client, Map.of("url", "http://example.com/photo.jpg"));
                CallToolResult inline = call(client, Map.of("data", Base64.getEncoder().encodeToString(
                        Files.readAllBytes(photo))));

                McpAssertions.error(byPath, "path_denied", dir.toString());
                assertThat(McpAssertions.text(byPath)).contains("darkroom.mcp.read-roots")
                        .contains("DARKROOM_MCP_READ_ROOTS").doesNotContain(dir.toString());
                McpAssertions.error(output, "path_denied", dir.toString());
                assertThat(McpAssertions.text(output)).contains("darkroom.mcp.write-roots");
                assertThat(Files.exists(dir.resolve("out.jpg"))).isFalse();
                McpAssertions.error(loopback, "fetch_blocked", dir.toString());
                McpAssertions.error(plainHttp, "fetch_blocked", dir.toString());
                McpAssertions.ok(inline);
                // With no write root nothing can write a file, so no tool needs a confirmation to run.
                assertThat(client.listTools().tools()).allSatisfy(tool -> {
                    assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isTrue();
                    assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotEqualTo(Boolean.TRUE);
                });
            } finally {
                client.closeGracefully();
            }
        }
    }

    private static CallToolResult call(McpSyncClient client, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest("thumbnail_image", arguments));
    }
}
