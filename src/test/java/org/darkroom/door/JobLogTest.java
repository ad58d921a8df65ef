package org.darkroom.door;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator finds every job in the log in one format, whatever its door: INFO {@code door=… flow=… id=… bytes=…
 * ms=… outcome=done code=ok}, WARN with {@code outcome=failed} and the code; and the id in the log is the one the
 * caller got back (the HTTP header and problem, the MCP result, the drop folder's record).
 */
class JobLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE = Pattern.compile(
            "door=(\\w+) flow=(\\S+) id=(\\S+) bytes=(\\S+) ms=(\\d+) outcome=(\\w+) code=(\\w+)");

    @TempDir
    Path dir;

    @Test
    void every_door_writes_one_line_per_job_naming_the_id_its_caller_got() throws Exception {
        int port = HttpClientSupport.freePort();
        Path data = dir.resolve("data");
        ChildDarkroom child = ChildDarkroom.start(data, dir.resolve("darkroom.log"),
                Map.of("darkroom.http.port", Integer.toString(port)));
        String failedHttpId;
        String mcpId;
        String failedMcpId;
        try {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            HttpResponse<byte[]> done = http.send(http.request("/v1/flows/thumbnail")
                    .header("Content-Type", "image/jpeg").header("X-Request-Id", "trace-42.a")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(Samples.get("photo.jpg"))).build());
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.headers().firstValue("X-Request-Id")).hasValue("trace-42.a");
            assertThat(JSON.readTree(done.headers().firstValue("X-Darkroom-Result").orElseThrow())
                    .path("request_id").asText()).isEqualTo("trace-42.a");

            HttpResponse<byte[]> failed = http.send(http.request("/v1/flows/thumbnail")
                    .header("Content-Type", "image/jpeg").header("X-Request-Id", "bad id forged=1")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(Samples.get("not-an-image.jpg"))).build());
            assertThat(failed.statusCode()).isEqualTo(415);
            failedHttpId = failed.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(failedHttpId).as("an unusable id is replaced").matches("[0-9a-f]{16}");
            assertThat(HttpClientSupport.json(failed).path("request_id").asText()).isEqualTo(failedHttpId);

            McpSyncClient mcp = McpClients.connect(McpClients.http(port), progress -> { });
            try {
                McpSchema.CallToolResult ok = call(mcp, "image_info", "photo.jpg");
                assertThat(ok.isError()).isFalse();
                mcpId = String.valueOf(((Map<?, ?>) ok.structuredContent()).get("request_id"));
                McpSchema.CallToolResult image = call(mcp, "thumbnail_image", "photo.jpg");
                assertThat(image.meta()).as("an image result names its request too")
                        .containsKey("darkroom/request_id");
                assertThat(line(child, String.valueOf(image.meta().get("darkroom/request_id")))).isPresent();
                McpSchema.CallToolResult refused = call(mcp, "thumbnail_image", "not-an-image.jpg");
                assertThat(refused.isError()).isTrue();
                failedMcpId = String.valueOf(((Map<?, ?>) refused.structuredContent()).get("request_id"));
            } finally {
                mcp.closeGracefully();
            }

            Files.copy(Samples.get("photo.jpg"), data.resolve("inbox/thumbnail/dropped.jpg"));
            Path record = data.resolve("outbox/thumbnail/dropped.jpg.json");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(record));
            JsonNode sidecar = JSON.readTree(record.toFile());
            String inboxId = sidecar.path("request_id").asText();
            String node = sidecar.path("node").asText();
            assertThat(node).as("by default the host and the process").endsWith("-" + child.pid());

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> line(child, inboxId).isPresent());
            assertThat(line(child, inboxId).orElseThrow()).contains(" INFO ", "door=inbox flow=thumbnail",
                    "outcome=done code=ok", "node=" + node + " ", "name=thumbnail/dropped.jpg");
        } finally {
            child.stop();
        }
        assertThat(line(child, "trace-42.a")).get().asString().contains(" INFO ", "door=http flow=thumbnail",
                "outcome=done code=ok").doesNotContain("bytes=-");
        assertThat(line(child, failedHttpId)).get().asString().contains(" WARN ", "door=http flow=thumbnail",
                "outcome=failed code=unsupported_type");
        assertThat(line(child, mcpId)).get().asString().contains(" INFO ", "door=mcp flow=info",
                "outcome=done code=ok");
        assertThat(line(child, failedMcpId)).get().asString().contains(" WARN ", "door=mcp flow=thumbnail",
                "outcome=failed code=unsupported_type");
        assertThat(child.logText()).doesNotContain("forged=1");
    }

    @Test
    void json_lines_carry_the_same_keys_one_object_per_line() throws Exception {
        int port = HttpClientSupport.freePort();
        ChildDarkroom child = ChildDarkroom.start(dir.resolve("data"), dir.resolve("darkroom.log"),
                Map.of("darkroom.http.port", Integer.toString(port), "darkroom.log.format", "json",
                        "darkroom.node", "edge-1"));
        try {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            assertThat(http.postRaw("/v1/flows/thumbnail", Samples.get("photo.jpg"), "image/jpeg").statusCode())
                    .isEqualTo(200);
            assertThat(http.postRaw("/v1/flows/thumbnail", Samples.get("not-an-image.jpg"), "image/jpeg")
                    .statusCode()).isEqualTo(415);
        } finally {
            child.stop();
        }
        List<JsonNode> jobs = child.logText().lines().filter(line -> line.startsWith("{"))
                .map(JobLogTest::parse).toList();
        assertThat(jobs).hasSize(2);
        for (JsonNode job : jobs) {
            assertThat(job.fieldNames()).toIterable().contains("time", "level", "door", "flow", "id", "bytes", "ms",
                    "outcome", "code");
            assertThat(job.path("door").asText()).isEqualTo("http");
            assertThat(job.path("flow").asText()).isEqualTo("thumbnail");
            assertThat(job.path("node").asText()).isEqualTo("edge-1");
        }
        assertThat(jobs.get(0).path("outcome").asText()).isEqualTo("done");
        assertThat(jobs.get(0).path("bytes").asLong()).isEqualTo(Files.size(Samples.get("photo.jpg")));
        assertThat(jobs.get(1).path("code").asText()).isEqualTo("unsupported_type");
        assertThat(jobs.get(1).path("level").asText()).isEqualTo("WARN");
        assertThat(child.logText()).doesNotContain("door=http flow=thumbnail");
    }

    private static Optional<String> line(ChildDarkroom child, String id) {
        return child.logText().lines().filter(line -> {
            Matcher matcher = LINE.matcher(line);
            return matcher.find() && matcher.group(3).equals(id);
        }).findFirst();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
    }

    private static McpSchema.CallToolResult call(McpSyncClient mcp, String tool, String sample) throws Exception {
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get(sample)));
        return mcp.callTool(new McpSchema.CallToolRequest(tool, Map.of("data", data)));
    }
}
