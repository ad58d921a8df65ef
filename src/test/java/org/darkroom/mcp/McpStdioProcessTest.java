package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio server as the process a desktop assistant starts, driven by hand: it takes no port and watches no
 * folder, writes nothing but JSON-RPC to stdout, and when its client closes stdin it answers what it was asked and
 * exits.
 */
class McpStdioProcessTest {
    private static final String END = "\u0000end";

    @TempDir
    Path dir;

    @Test
    void it_opens_no_port_and_no_folder_and_answers_everything_before_exiting_when_stdin_closes() throws Exception {
        int port = HttpClientSupport.freePort();
        Process process = new ProcessBuilder(McpClients.command(dir.resolve("data"),
                Map.of("darkroom.http.port", String.valueOf(port))))
                .redirectError(dir.resolve("stderr.log").toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            }
            lines.add(END);
        });
        reader.start();
        try (OutputStream in = process.getOutputStream()) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"by-hand\",\"version\":\"1\"}}}");
            assertThat(next(lines)).contains("\"id\":1").contains("\"serverInfo\"");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"image_info\","
                    + "\"arguments\":{\"data\":\"" + Base64.getEncoder().encodeToString(Files.readAllBytes(
                    Samples.get("plain.jpg"))) + "\"}}}");
            assertThat(next(lines)).contains("\"id\":2").contains("\"structuredContent\"");

            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 1000))
                    .isInstanceOf(ConnectException.class);
            assertThat(dir.resolve("data/inbox")).doesNotExist();

            // A request followed at once by the end of input, as from `printf … | darkroom mcp`: still answered.
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"thumbnail_image\",\"arguments\":{\"width\":32,\"data\":\"" + Base64.getEncoder()
                    .encodeToString(Files.readAllBytes(Samples.get("plain.jpg"))) + "\"}}}");
        }
        // stdin is closed now: the server must answer what it was asked, then stop by itself, gracefully.
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(dir.resolve("stderr.log"))).isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> rest = new ArrayList<>();
        for (String line = next(lines); !line.equals(END); line = next(lines)) {
            rest.add(line);
        }
        for (String line : rest) {
            assertThat(McpSchema.deserializeJsonRpcMessage(McpJsonDefaults.getMapper(), line)).isNotNull();
        }
        assertThat(rest).anySatisfy(line -> assertThat(line).contains("\"id\":3").contains("\"image/jpeg\""));
        assertThat(Files.readString(dir.resolve("stderr.log"))).contains("MCP client closed stdin");
    }

    private static void send(OutputStream in, String message) throws IOException {
        in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("a line from the server within 60 s").isNotNull();
        return line;
    }
}
