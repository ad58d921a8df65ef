package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.RunningDarkroom;
import org.junit.jupiter.api.Test;

/** The MCP contract over Streamable HTTP at {@code /mcp} on the HTTP door's own server, plus the transport's rules. */
class McpHttpTest extends McpContract {
    private RunningDarkroom darkroom;
    private int port;

    @Override
    McpClientTransport transport(Path dataDir, Map<String, String> settings) throws Exception {
        port = HttpClientSupport.freePort();
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("darkroom.http.port", String.valueOf(port));
        darkroom = RunningDarkroom.start(dataDir, all);
        return McpClients.http(port);
    }

    @Override
    boolean deliversProgress() {
        return false;
    }

    @Override
    void stopServer() throws Exception {
        if (darkroom != null) {
            darkroom.close();
        }
    }

    @Test
    void the_endpoint_takes_json_rpc_posts_only_and_refuses_foreign_origins() {
        HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
        String both = "application/json, text/event-stream";

        HttpResponse<byte[]> pong = http.send(post(http, ping).header("Accept", both).build());
        HttpResponse<byte[]> get = http.send(http.request("/mcp").header("Accept", both).GET().build());
        HttpResponse<byte[]> jsonOnly = http.send(post(http, ping).header("Accept", "application/json").build());
        HttpResponse<byte[]> garbage = http.send(post(http, "{not json").header("Accept", both).build());
        HttpResponse<byte[]> notification = http.send(post(http,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").header("Accept", both).build());
        HttpResponse<byte[]> foreign = http.send(post(http, ping).header("Accept", both)
                .header("Origin", "http://evil.example").build());
        HttpResponse<byte[]> local = http.send(post(http, ping).header("Accept", both)
                .header("Origin", "http://localhost:3000").build());

        assertThat(pong.statusCode()).isEqualTo(200);
        assertThat(HttpClientSupport.json(pong).at("/id").asInt()).isEqualTo(7);
        assertThat(pong.headers().firstValue("Accept")).isEmpty();
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(jsonOnly.statusCode()).isEqualTo(400);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(HttpClientSupport.json(garbage).at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(notification.statusCode()).isEqualTo(202);
        // Without API keys the server is for this machine only, so a web page elsewhere may not drive it.
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(local.statusCode()).isEqualTo(200);
    }

    @Test
    void malformed_json_rpc_gets_its_error_code_in_a_plain_sentence_never_a_java_type() {
        HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
        String both = "application/json, text/event-stream";
        Map<String, Integer> expected = Map.of(
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":[\"image_info\"]}", -32602,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"image_info\","
                        + "\"arguments\":[1]}}", -32602,
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\",\"params\":{\"x\":\"a\u0001\"}}", -32700,
                "", -32700);
        expected.forEach((body, code) -> {
            HttpResponse<byte[]> answer = http.send(post(http, body).header("Accept", both).build());
            String text = new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(HttpClientSupport.json(answer).at("/error/code").asInt()).as(body).isEqualTo(code);
            assertThat(text).doesNotContain("io.model").doesNotContain("java").doesNotContain("$");
        });
        HttpResponse<byte[]> badInit = http.send(post(http, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":"
                + "\"initialize\",\"params\":{\"protocolVersion\":[1],\"capabilities\":7}}").header("Accept", both)
                .build());
        assertThat(new String(badInit.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"error\"")
                .doesNotContain("io.model").doesNotContain("java").doesNotContain("Exception");
    }

    private static HttpRequest.Builder post(HttpClientSupport http, String body) {
        return http.request("/mcp").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
