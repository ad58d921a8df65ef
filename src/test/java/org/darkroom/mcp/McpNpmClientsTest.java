package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Identify;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.NpmTools;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Darkroom's MCP server as clients that are not ours see it, over stdio and Streamable HTTP: the official MCP
 * TypeScript SDK's client (driven by {@code tools/mcp-sdk-client.js}) and the MCP Inspector's CLI, both from npm at
 * pinned versions. Over HTTP they share one Darkroom in this JVM; over stdio each starts its own, as an assistant
 * does, and every process they start is killed when they end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpNpmClientsTest {
    static final String SDK = "@modelcontextprotocol/sdk";
    static final String SDK_VERSION = "1.32.2";
    static final String INSPECTOR = "@modelcontextprotocol/inspector";
    static final String INSPECTOR_VERSION = "2.12.0";
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    @TempDir
    static Path dir;
    private final AtomicInteger stdioRuns = new AtomicInteger();
    private Path modules;
    private Path image;
    private Map<String, String> roots;
    private RunningDarkroom darkroom;
    private String url;

    @BeforeAll
    void start() throws Exception {
        NpmTools.install(SDK, SDK_VERSION);
        modules = NpmTools.install(INSPECTOR, INSPECTOR_VERSION);
        Path read = Files.createDirectories(dir.resolve("read"));
        Files.createDirectories(dir.resolve("write"));
        Files.createDirectories(dir.resolve("home"));
        image = Files.copy(Samples.get("plain.jpg"), read.resolve("plain.jpg"));
        Files.copy(Samples.get("alpha.png"), read.resolve("alpha.png"));
        roots = Map.of("darkroom.mcp.read-roots", read.toString(),
                "darkroom.mcp.write-roots", dir.resolve("write").toString());
        Map<String, String> settings = new LinkedHashMap<>(roots);
        settings.put("darkroom.http.port", String.valueOf(HttpClientSupport.freePort()));
        darkroom = RunningDarkroom.start(dir.resolve("data"), settings);
        url = "http://127.0.0.1:" + darkroom.port() + "/mcp";
    }

    @AfterAll
    void stop() throws Exception {
        if (darkroom != null) {
            darkroom.close();
        }
    }

    @Test
    void the_typescript_sdk_client_works_over_streamable_http() throws Exception {
        checkSdkReport(sdkClient(Map.of("url", url)));
    }

    @Test
    void the_typescript_sdk_client_works_over_stdio() throws Exception {
        List<String> command = stdioServer();
        checkSdkReport(sdkClient(Map.of("command", command.get(0), "args", command.subList(1, command.size()))));
    }

    @Test
    void the_inspector_cli_lists_reads_and_gets_over_streamable_http() throws Exception {
        List<String> server = List.of("--transport", "http", "--server-url", url);
        assertThat(names(inspector(server, "--method", "tools/list").at("/tools")))
                .contains("thumbnail_image", "image_info", "batch_process");
        checkInspectorResources(server);
        assertThat(names(inspector(server, "--method", "prompts/list").at("/prompts")))
                .containsExactlyInAnyOrder("describe_images", "make_web_copies");
        checkInspectorPrompt(server);
        JsonNode thumbnail = inspector(server, "--method", "tools/call", "--tool-name", "thumbnail_image",
                "--tool-arg", "path=" + image, "width=40", "height=40");
        checkThumbnail(thumbnail.at("/content/0/mimeType").asText(), thumbnail.at("/content/0/data").asText(), 40);
    }

    @Test
    void the_inspector_cli_lists_reads_and_gets_over_stdio() throws Exception {
        // Each call starts a server of its own, as the CLI does: fewer calls than over HTTP keep this quick.
        checkInspectorResources(stdioServer());
        checkInspectorPrompt(stdioServer());
    }

    private void checkSdkReport(JsonNode report) throws Exception {
        assertThat(report.at("/server/name").asText()).isEqualTo("darkroom");
        assertThat(report.at("/capabilities").fieldNames()).toIterable().contains("tools", "resources", "prompts");
        assertThat(texts(report.at("/tools"))).contains("thumbnail_image", "image_info", "batch_process")
                .doesNotContain("caption_image");
        assertThat(report.at("/thumbnail/isError").asBoolean()).isFalse();
        checkThumbnail(report.at("/thumbnail/images/0/mimeType").asText(),
                report.at("/thumbnail/images/0/data").asText(), 48);
        assertThat(report.at("/resources").findValuesAsText("uri")).containsExactly("darkroom://catalog",
                uri(dir.resolve("read/alpha.png")), uri(image));
        assertThat(report.at("/read/0/mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(Base64.getDecoder().decode(report.at("/read/0/blob").asText()))
                .isEqualTo(Files.readAllBytes(image));
        assertThat(texts(report.at("/prompts"))).containsExactlyInAnyOrder("describe_images", "make_web_copies");
        assertThat(report.at("/prompt/0").asText()).contains(image.toString(), "image_info")
                .doesNotContain("caption_image");
        assertThat(report.at("/missingArgument/code").asInt()).isEqualTo(-32602);
        assertThat(report.at("/missingArgument/message").asText()).contains("bad_parameter: The prompt"
                + " describe_images needs the argument images");
    }

    private void checkInspectorResources(List<String> server) throws Exception {
        assertThat(inspector(server, "--method", "resources/list").at("/resources").findValuesAsText("uri"))
                .containsExactly("darkroom://catalog", uri(dir.resolve("read/alpha.png")), uri(image));
        JsonNode read = inspector(server, "--method", "resources/read", "--uri", uri(image));
        assertThat(read.at("/contents/0/mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(Base64.getDecoder().decode(read.at("/contents/0/blob").asText()))
                .isEqualTo(Files.readAllBytes(image));
    }

    private void checkInspectorPrompt(List<String> server) throws Exception {
        JsonNode prompt = inspector(server, "--method", "prompts/get", "--prompt-name", "make_web_copies",
                "--prompt-args", "folder=" + dir.resolve("read"), "output_folder=" + dir.resolve("write"));
        assertThat(prompt.at("/messages/0/content/text").asText()).contains("batch_process", "resize_image",
                dir.resolve("write/plain.webp").toString());
    }

    private void checkThumbnail(String mimeType, String data, int side) throws Exception {
        assertThat(mimeType).isEqualTo("image/jpeg");
        Path thumbnail = Files.write(Files.createTempFile(dir, "thumbnail-", ".jpg"), Base64.getDecoder().decode(data));
        assertThat(Math.max(Identify.of(thumbnail).width(), Identify.of(thumbnail).height())).isEqualTo(side);
    }

    /** {@code tools/mcp-sdk-client.js} with {@code reach} and this class's image and folder; its JSON report. */
    private JsonNode sdkClient(Map<String, Object> reach) throws Exception {
        Map<String, Object> plan = new LinkedHashMap<>(reach);
        plan.put("image", image.toString());
        plan.put("folder", dir.resolve("read").toString());
        return json(NpmTools.runBounded(dir, List.of("node", Samples.projectDir().resolve("tools/mcp-sdk-client.js")
                .toString(), ToolResults.json(plan)), node(), DEADLINE));
    }

    /** The Inspector's CLI, reaching the server as {@code server} says, doing what {@code call} says. */
    private JsonNode inspector(List<String> server, String... call) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", modules.resolve(INSPECTOR)
                .resolve("clients/launcher/build/index.js").toString(), "--cli"));
        command.addAll(List.of(call));
        boolean stdio = !server.get(0).startsWith("--");
        if (stdio) {
            command.add("--");
        }
        command.addAll(server);
        return json(NpmTools.runBounded(dir, command, node(), DEADLINE));
    }

    /** A stdio Darkroom as an assistant starts one, on a data directory of its own (the last may still be stopping). */
    private List<String> stdioServer() {
        return McpClients.command(dir.resolve("stdio-" + stdioRuns.incrementAndGet()), roots);
    }

    /** The npm packages on node's path, and a home of the test's own, so that no client writes to the real one. */
    private Map<String, String> node() {
        return Map.of("NODE_PATH", modules.toString(), "HOME", dir.resolve("home").toString());
    }

    private static JsonNode json(NpmTools.Ran ran) {
        assertThat(ran.status()).as(ran.out() + ran.err()).isZero();
        return HttpClientSupport.json(ran.out());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.path("name").asText()));
        return names;
    }

    private static String uri(Path path) {
        return path.toUri().toString();
    }
}
