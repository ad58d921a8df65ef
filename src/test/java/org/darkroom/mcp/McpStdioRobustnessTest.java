package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.darkroom.testing.RawMcpProcess;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stdio client that sends garbage, by hand, to a real child process: every bad line is answered with the JSON-RPC
 * error the specification gives, no answer names a Java type, the session goes on, and the process still exits when
 * stdin closes; a cancelled batch starts no new item and sends no answer.
 */
class McpStdioRobustnessTest {
    private static final String PARSE_ERROR = "\"code\":-32700";
    private static final String INVALID_REQUEST = "\"code\":-32600";
    private static final String INVALID_PARAMS = "\"code\":-32602";

    @TempDir
    Path dir;

    @Test
    void every_bad_line_gets_its_json_rpc_error_and_the_session_goes_on_until_stdin_closes() throws Exception {
        // 60 KB of image bytes allowed: the line cap is that in base64 plus 64 KiB for the envelope, about 145 KB.
        try (RawMcpProcess mcp = RawMcpProcess.start(dir, Map.of("darkroom.limits.max-bytes", "60000"))) {
            mcp.initialize();
            String ping = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"ping\"}";
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("not json at all", PARSE_ERROR);
            expected.put("", PARSE_ERROR);
            expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"", PARSE_ERROR);
            expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"a\u0001b\"}}", PARSE_ERROR);
            expected.put("\u0007", PARSE_ERROR);
            expected.put("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", INVALID_REQUEST);
            expected.put("42", INVALID_REQUEST);
            expected.put("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}", INVALID_REQUEST);
            expected.put("x".repeat(200_000), INVALID_REQUEST);
            int id = 100;
            for (Map.Entry<String, String> line : expected.entrySet()) {
                mcp.send(line.getKey());
                assertThat(mcp.next()).as("answer to %.60s", line.getKey()).contains(line.getValue())
                        .contains("\"id\":null").doesNotContain("Exception");
                mcp.send(String.format(ping, ++id));
                assertThat(mcp.next()).as("still answering after %.60s", line.getKey())
                        .contains("\"id\":" + id).contains("\"result\"");
            }

            mcp.send("{\"id\":6,\"method\":\"ping\"}");
            assertThat(mcp.next()).contains(INVALID_REQUEST).contains("\"id\":6");

            mcp.sendBytes(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});
            assertThat(mcp.next()).contains(PARSE_ERROR);

            mcp.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":[\"image_info\"]}");
            assertThat(mcp.next()).contains(INVALID_PARAMS).contains("\"id\":7").doesNotContain("io.model")
                    .doesNotContain("McpSchema").doesNotContain("$");
            mcp.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"image_info\","
                    + "\"arguments\":\"x\"}}");
            assertThat(mcp.next()).contains(INVALID_PARAMS).contains("\"id\":8").doesNotContain("java");
            mcp.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"initialize\",\"params\":{\"protocolVersion\":[1],"
                    + "\"capabilities\":7}}");
            assertThat(mcp.next()).contains("\"id\":9").contains("\"error\"").doesNotContain("io.model")
                    .doesNotContain("Exception").doesNotContain("java");

            mcp.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"image_info\","
                    + "\"arguments\":{\"data\":\"" + base64("plain.jpg") + "\"}}}");
            String answer = mcp.next();
            assertThat(answer).contains("\"id\":10").contains("\"structuredContent\"");
            assertThat(mcp.closeAndDrain()).isEmpty();
        }
    }

    @Test
    void a_cancelled_batch_starts_no_new_item_and_is_not_answered() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        int items = 30;
        List<String> list = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            list.add("{\"data\":\"" + base64("photo.jpg") + "\",\"output_path\":\"" + out.resolve(i + ".jpg") + "\"}");
        }
        try (RawMcpProcess mcp = RawMcpProcess.start(dir, Map.of("darkroom.workers", "1",
                "darkroom.mcp.write-roots", out.toString()))) {
            mcp.initialize();
            mcp.send("{\"jsonrpc\":\"2.0\",\"id\":\"batch\",\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"batch_process\",\"_meta\":{\"progressToken\":\"p\"},\"arguments\":{\"flow\":"
                    + "\"resize\",\"parameters\":{\"width\":1200,\"height\":1200,\"upscale\":true},"
                    + "\"items\":[" + String.join(",", list) + "]}}}");
            assertThat(mcp.next()).contains("notifications/progress");
            mcp.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"batch\","
                    + "\"reason\":\"user stopped it\"}}");
            // Closing stdin waits for every running call to end, the cancelled batch included.
            List<String> rest = mcp.closeAndDrain();
            assertThat(rest).noneSatisfy(line -> assertThat(line).contains("\"id\":\"batch\""));
            try (Stream<Path> written = Files.list(out)) {
                assertThat(written.count()).as("items finished after the cancellation").isLessThan(items / 2);
            }
        }
    }

    private static String base64(String sample) throws java.io.IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get(sample)));
    }
}
