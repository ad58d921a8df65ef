package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator finds every request in the log: one line per request at the HTTP and MCP doors, INFO with
 * {@code outcome=done} when it worked and WARN with {@code outcome=failed} and the code when it did not.
 */
class DoorLogTest {
    @TempDir
    Path dir;

    @Test
    void successes_are_info_and_failures_are_warnings_with_their_code() throws Exception {
        int port = HttpClientSupport.freePort();
        ChildDarkroom child = ChildDarkroom.start(dir.resolve("data"), dir.resolve("darkroom.log"),
                Map.of("darkroom.http.port", Integer.toString(port)));
        try {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            assertThat(http.postRaw("/v1/flows/thumbnail", Samples.get("photo.jpg"), "image/jpeg").statusCode())
                    .isEqualTo(200);
            assertThat(http.postRaw("/v1/flows/thumbnail", Samples.get("not-an-image.jpg"), "image/jpeg")
                    .statusCode()).isEqualTo(415);
            McpSyncClient mcp = McpClients.connect(McpClients.http(port), progress -> { });
            try {
                assertThat(thumbnail(mcp, "photo.jpg").isError()).isFalse();
                assertThat(thumbnail(mcp, "not-an-image.jpg").isError()).isTrue();
            } finally {
                mcp.closeGracefully();
            }
        } finally {
            child.stop();
        }
        List<String> log = child.logText().lines().toList();
        assertThat(log).anyMatch(line -> line.contains(" INFO ") && line.contains("http flow=thumbnail status=200")
                && line.contains("outcome=done"));
        assertThat(log).anyMatch(line -> line.contains(" WARN ") && line.contains("http flow=thumbnail status=415")
                && line.contains("outcome=failed code=unsupported_type"));
        assertThat(log).anyMatch(line -> line.contains(" INFO ") && line.contains("mcp flow=thumbnail")
                && line.contains("outcome=done"));
        assertThat(log).anyMatch(line -> line.contains(" WARN ") && line.contains("mcp flow=thumbnail")
                && line.contains("outcome=failed code=unsupported_type"));
    }

    private static McpSchema.CallToolResult thumbnail(McpSyncClient mcp, String sample) throws Exception {
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get(sample)));
        return mcp.callTool(new McpSchema.CallToolRequest("thumbnail_image", Map.of("data", data)));
    }
}
