package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.RawMcpProcess;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio server as the process a desktop assistant starts, driven by hand: it takes no port and watches no
 * folder, writes nothing but JSON-RPC to stdout, and when its client closes stdin it answers what it was asked and
 * exits.
 */
class McpStdioProcessTest {
    @TempDir
    Path dir;

    @Test
    void it_opens_no_port_and_no_folder_and_answers_everything_before_exiting_when_stdin_closes() throws Exception {
        int port = HttpClientSupport.freePort();
        try (RawMcpProcess mcp = RawMcpProcess.start(dir, Map.of("darkroom.http.port", String.valueOf(port)))) {
            mcp.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"by-hand\",\"version\":\"1\"}}}");
            assertThat(mcp.next()).contains("\"id\":1").contains("\"serverInfo\"");
            mcp.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            mcp.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"image_info\","
                    + "\"arguments\":{\"data\":\"" + Base64.getEncoder().encodeToString(Files.readAllBytes(
                    Samples.get("plain.jpg"))) + "\"}}}");
            assertThat(mcp.next()).contains("\"id\":2").contains("\"structuredContent\"");

            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 1000))
                    .isInstanceOf(ConnectException.class);
            assertThat(dir.resolve("data/inbox")).doesNotExist();

            // A request followed at once by the end of input, as from `printf … | darkroom mcp`: still answered.
            mcp.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"thumbnail_image\",\"arguments\":{\"width\":32,\"data\":\"" + Base64.getEncoder()
                    .encodeToString(Files.readAllBytes(Samples.get("plain.jpg"))) + "\"}}}");
            // stdin is closed now: the server must answer what it was asked, then stop by itself, gracefully.
            List<String> rest = mcp.closeAndDrain();
            for (String line : rest) {
                assertThat(McpSchema.deserializeJsonRpcMessage(McpJsonDefaults.getMapper(), line)).isNotNull();
            }
            assertThat(rest).anySatisfy(line -> assertThat(line).contains("\"id\":3").contains("\"image/jpeg\""));
            assertThat(mcp.stderr()).contains("MCP client closed stdin");
        }
    }
}
