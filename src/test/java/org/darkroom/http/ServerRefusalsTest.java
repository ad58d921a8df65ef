package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server refuses before any route (a URL or headers too long, a multipart field too long) is problem JSON
 * like every other failure, and logged with the status that was sent; odd names in uploads and MCP paths cannot
 * forge a log line; and nothing of the service lands in the shared temporary directory.
 */
class ServerRefusalsTest {
    @TempDir
    Path dir;

    @Test
    void refusals_below_the_routes_are_problem_json_logged_as_sent_and_nothing_spools_to_the_shared_temp_dir()
            throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        int port = HttpClientSupport.freePort();
        ChildDarkroom child = ChildDarkroom.start(dir.resolve("data"), dir.resolve("darkroom.log"),
                Map.of("darkroom.http.port", Integer.toString(port)), List.of("-Djava.io.tmpdir=" + tmp));
        try {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            HttpResponse<byte[]> longUrl = http.send(http.request("/v1/flows/thumbnail?width=" + "1".repeat(5000))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            problem(longUrl, 414, "too_large");
            HttpResponse<byte[]> bigHeaders = http.send(http.request("/v1/flows").header("X-Big", "a".repeat(9000))
                    .GET().build());
            problem(bigHeaders, 431, "too_large");
            HttpResponse<byte[]> longField = http.postMultipart("/v1/flows/thumbnail", Samples.get("photo.jpg"),
                    "photo.jpg", "width", "1".repeat(20_000));
            problem(longField, 400, "bad_parameter");

            // A DEL, an escape and a line break in an upload's name: the answer is the image, and so is the log.
            HttpResponse<byte[]> odd = http.postMultipartAs("/v1/flows/thumbnail", Samples.get("photo.jpg"),
                    "filename*=UTF-8''a%7Fb%1B%0D%0A2026-01-01T00:00:00.000 INFO HttpDoor - forged.jpg");
            assertThat(odd.statusCode()).isEqualTo(200);
            assertThat(odd.headers().firstValue("Content-Type")).hasValue("image/jpeg");

            McpSyncClient mcp = McpClients.connect(McpClients.http(port), progress -> { });
            try {
                McpSchema.CallToolResult refused = mcp.callTool(new McpSchema.CallToolRequest("thumbnail_image",
                        Map.of("path", "/nowhere/x.jpg\n2026-01-01T00:00:00.000 INFO McpDoor - forged")));
                assertThat(refused.isError()).isTrue();
            } finally {
                mcp.closeGracefully();
            }
            // The private work area holds the spools; the shared temporary directory stays empty.
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left).isEmpty();
            }
        } finally {
            child.stop();
        }
        List<String> log = child.logText().lines().toList();
        // The URL too long and the headers too large: two refusals below the routes, each with its job line.
        assertThat(log.stream().filter(line -> line.contains("door=http flow=-") && line.contains("code=too_large")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(log).anyMatch(line -> line.contains("door=http") && line.contains("code=bad_parameter"));
        assertThat(log).anyMatch(line -> line.contains("door=http flow=thumbnail") && line.contains("outcome=done"));
        assertThat(log).noneMatch(line -> line.startsWith("2026-01-01T00:00:00.000"));
        assertThat(log).noneMatch(line -> line.contains("code=internal"));
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    private static void problem(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo(code);
        assertThat(HttpClientSupport.json(response).at("/status").asInt()).isEqualTo(status);
    }
}
