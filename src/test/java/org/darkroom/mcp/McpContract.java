package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.magick.flows.MagickFlows;
import org.darkroom.testing.Catalogs;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Identify;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.OriginServer;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP door's contract, run over each transport by a small subclass with the SDK's own client: the tool list,
 * every tool with each kind of input, output_path, every refusal, concurrent calls and batches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class McpContract {
    static final FlowCatalog CATALOG = Catalogs.withoutModel();
    private static final Map<String, Map<String, Object>> PARAMS = Map.of(
            "thumbnail_image", Map.of("width", 64, "height", 64),
            "resize_image", Map.of("width", 64),
            "convert_image", Map.of("format", "png"),
            "transform_image", Map.of("operations", List.of(Map.of("op", "grayscale"), Map.of("op", "flip"))),
            "image_info", Map.of());

    @TempDir
    static Path dir;
    Path readRoot;
    Path writeRoot;
    Path outside;
    String originBase;
    McpSyncClient client;
    final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private OriginServer origin;

    /** Starts Darkroom with {@code settings} and returns a transport to reach it. */
    abstract McpClientTransport transport(Path dataDir, Map<String, String> settings) throws Exception;

    /** Whether the transport carries notifications during a call (stdio does; stateless HTTP cannot). */
    abstract boolean deliversProgress();

    void stopServer() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        readRoot = Files.createDirectories(dir.resolve("read"));
        writeRoot = Files.createDirectories(dir.resolve("write"));
        outside = Files.createDirectories(dir.resolve("outside"));
        for (String sample : List.of("plain.jpg", "alpha.png")) {
            Files.copy(Samples.get(sample), readRoot.resolve(sample));
        }
        Files.copy(Samples.get("plain.jpg"), outside.resolve("secret.jpg"));
        Files.createSymbolicLink(writeRoot.resolve("link.jpg"), outside.resolve("planted.jpg"));

        origin = OriginServer.serving(Map.of("plain.jpg", "plain.jpg"));
        originBase = origin.base();

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("darkroom.mcp.read-roots", readRoot.toString());
        settings.put("darkroom.mcp.write-roots", writeRoot.toString());
        // The test's image server is plain http on loopback, which the defaults refuse (McpDefaultsTest shows it).
        settings.put("darkroom.fetch.allow-http", "true");
        settings.put("darkroom.fetch.allow-private-addresses", "true");
        client = McpClients.connect(transport(dir.resolve("data"), settings), progress::add);
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.closeGracefully();
        }
        stopServer();
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void the_servers_instructions_name_every_tool() {
        String instructions = client.getServerInstructions();
        for (FlowSpec flow : CATALOG.all()) {
            // The tools offered: with no model, the image flows alone.
            if (flow.route().equals(MagickFlows.ROUTE)) {
                assertThat(instructions).contains(flow.toolName() + ": ");
            } else {
                assertThat(instructions).doesNotContain(flow.toolName() + ": ");
            }
        }
        assertThat(instructions).contains("batch_process");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_tools_are_the_catalog_plus_batch_process_with_typed_bounded_schemas() {
        List<Tool> tools = client.listTools().tools();
        // With no model installed the catalog's vision flows are not offered: they could only answer model_missing.
        List<String> expected = new ArrayList<>(CATALOG.all().stream()
                .filter(flow -> flow.route().equals(MagickFlows.ROUTE)).map(FlowSpec::toolName).toList());
        expected.add("batch_process");
        assertThat(tools).extracting(Tool::name).containsExactlyElementsOf(expected)
                .doesNotContain("caption_image", "annotate_image");

        Map<String, Object> thumbnail = properties(tool(tools, "thumbnail_image"));
        assertThat(thumbnail.get("width")).isInstanceOfSatisfying(Map.class, width -> {
            assertThat(width.get("type")).isEqualTo("integer");
            assertThat(width.get("minimum")).isEqualTo(1);
            assertThat(width.get("maximum")).isEqualTo(4096);
            assertThat(width.get("default")).isEqualTo(256);
            assertThat((String) width.get("description")).isNotBlank();
        });
        assertThat(thumbnail.get("format")).isInstanceOfSatisfying(Map.class, format -> {
            assertThat((List<Object>) format.get("enum")).contains("auto", "jpeg", "png", "webp");
            assertThat(format.get("default")).isEqualTo("auto");
        });
        for (String source : List.of("path", "url", "data", "output_path")) {
            assertThat(thumbnail.get(source)).as(source).isInstanceOfSatisfying(Map.class,
                    schema -> assertThat(schema.get("type")).isEqualTo("string"));
        }
        assertThat((List<Object>) tool(tools, "convert_image").inputSchema().get("required")).containsExactly("format");
        for (Tool tool : tools) {
            // Model APIs reject tools whose input schema composes at the top level; the door checks those rules.
            assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object")
                    .doesNotContainKeys("oneOf", "anyOf", "allOf", "if", "not");
            assertThat(tool.description()).as(tool.name()).contains("path", "url", "data");
            assertThat(tool.annotations().idempotentHint()).isTrue();
            assertThat(tool.annotations().openWorldHint()).isTrue();
        }

        Tool info = tool(tools, "image_info");
        assertThat(properties(info)).doesNotContainKey("output_path");
        assertThat(info.outputSchema()).containsEntry("type", "object");
        assertThat(info.annotations().readOnlyHint()).isTrue();
        Tool resize = tool(tools, "resize_image");
        assertThat(resize.outputSchema()).containsEntry("type", "object");
        assertThat(resize.annotations().readOnlyHint()).isFalse();
        assertThat(resize.annotations().destructiveHint()).isTrue();

        Map<String, Object> batch = properties(tool(tools, "batch_process"));
        assertThat(batch.get("items")).isInstanceOfSatisfying(Map.class,
                items -> assertThat(items.get("maxItems")).isEqualTo(50));
        assertThat(batch.get("flow")).isInstanceOfSatisfying(Map.class,
                flow -> assertThat((List<Object>) flow.get("enum")).contains("thumbnail_image", "image_info", "resize"));
        assertThat(tool(tools, "batch_process").outputSchema()).containsEntry("type", "object");
    }

    @Test
    void every_tool_answers_a_path_a_url_and_data_alike() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get("plain.jpg")));
        // The image flows; the vision tools take their image through the same door code (McpVisionTest runs them
        // with a model, DoorContractTest without).
        for (FlowSpec flow : new MagickFlows().specs()) {
            String tool = flow.toolName();
            CallToolResult byPath = ok(call(tool, with(PARAMS.get(tool), "path", readRoot.resolve("plain.jpg"))));
            CallToolResult byUrl = ok(call(tool, with(PARAMS.get(tool), "url", originBase + "/plain.jpg")));
            CallToolResult byData = ok(call(tool, with(PARAMS.get(tool), "data", base64)));
            CallToolResult byDataUri = ok(call(tool, with(PARAMS.get(tool), "data", "data:image/jpeg;base64,"
                    + base64)));

            if (flow.output().hasImage()) {
                ImageContent image = image(byPath);
                assertThat(image(byUrl).data()).as(tool).isEqualTo(image.data());
                assertThat(image(byData).data()).as(tool).isEqualTo(image.data());
                assertThat(image(byDataUri).data()).as(tool).isEqualTo(image.data());
                assertThat(text(byPath)).as(tool).startsWith(flow.name() + ": JPEG 640×427").contains("→");
                assertThat(structured(byPath).get("output")).as(tool).isInstanceOf(Map.class);
            } else {
                assertThat(structured(byPath).get("result")).isInstanceOfSatisfying(Map.class, result -> {
                    assertThat(result.get("width")).isEqualTo(640);
                    assertThat(result.get("format")).isEqualTo("jpeg");
                });
                for (CallToolResult other : List.of(byUrl, byData, byDataUri)) {
                    assertThat(structured(other).get("result")).isEqualTo(structured(byPath).get("result"));
                }
                // The same JSON as text, for clients that read only text.
                assertThat(org.darkroom.testing.HttpClientSupport.json(text(byPath)).at("/result/height").asInt())
                        .isEqualTo(427);
            }
        }
        CallToolResult thumbnail = ok(call("thumbnail_image", with(PARAMS.get("thumbnail_image"), "path",
                readRoot.resolve("plain.jpg"))));
        assertThat(image(thumbnail).mimeType()).isEqualTo("image/jpeg");
        Identify decoded = Identify.of(Files.write(dir.resolve("thumb.jpg"),
                Base64.getDecoder().decode(image(thumbnail).data())));
        assertThat(decoded.width()).isEqualTo(64);
    }

    @Test
    void output_path_writes_the_file_atomically_and_answers_with_a_summary() throws Exception {
        Path target = writeRoot.resolve("small.webp");
        CallToolResult written = ok(call("resize_image", Map.of("path", readRoot.resolve("plain.jpg").toString(),
                "width", 80, "output_path", target.toString())));

        assertThat(written.content()).noneMatch(ImageContent.class::isInstance);
        assertThat(text(written)).contains("wrote " + target).contains("WEBP 80×53");
        Identify image = Identify.of(target);
        assertThat(image.format()).isEqualTo("WEBP");
        assertThat(image.width()).isEqualTo(80);

        // The same call again replaces the file; a type the name contradicts is refused and writes nothing.
        ok(call("resize_image", Map.of("path", readRoot.resolve("plain.jpg").toString(), "width", 80,
                "output_path", target.toString())));
        error(call("convert_image", Map.of("path", readRoot.resolve("plain.jpg").toString(), "format", "png",
                "output_path", writeRoot.resolve("mismatch.jpg").toString())), "bad_parameter");
        assertThat(DataDir.names(writeRoot)).contains("small.webp").doesNotContain("mismatch.jpg")
                .noneMatch(name -> name.startsWith("."));
        assertThat(Files.exists(outside.resolve("planted.jpg"))).isFalse();
    }

    @Test
    void an_output_path_the_file_system_or_the_format_cannot_honour_is_a_bad_parameter() throws Exception {
        String plain = readRoot.resolve("plain.jpg").toString();
        // The longest name the file system holds (255 bytes) is written, as itself and nothing beside it.
        String longest = "a".repeat(251) + ".jpg";
        ok(call("thumbnail_image", Map.of("path", plain, "output_path", writeRoot.resolve(longest).toString())));
        assertThat(Identify.of(writeRoot.resolve(longest)).format()).isEqualTo("JPEG");
        List<String> refused = List.of("b".repeat(252) + ".jpg", "é".repeat(126) + ".jpg", "x.svg", "x.txt", "x",
                "x.", ".jpg", "x.jpg.exe");
        for (String name : refused) {
            error(call("thumbnail_image", Map.of("path", plain, "output_path", writeRoot.resolve(name).toString())),
                    "bad_parameter");
        }
        error(call("thumbnail_image", Map.of("path", plain, "output_path", writeRoot.resolve("d/".repeat(2100)
                + "x.jpg").toString())), "bad_parameter");
        assertThat(DataDir.names(writeRoot)).doesNotContainAnyElementsOf(refused).doesNotContain("d")
                .noneMatch(name -> name.startsWith("."));
        Files.delete(writeRoot.resolve(longest));
    }

    /**
     * The rules of the tool arguments, each refused with its code. What every code looks like at every door (a path
     * through a link out of the read root, a file that is no image, a blocked URL, parameters out of range) is
     * {@code doors.DoorContractTest}'s.
     */
    @Test
    void each_source_and_argument_rule_is_refused_with_its_code() throws Exception {
        String plain = readRoot.resolve("plain.jpg").toString();
        error(call("thumbnail_image", Map.of("path", outside.resolve("secret.jpg").toString())), "path_denied");
        error(call("thumbnail_image", Map.of("path", readRoot.resolve("missing.jpg").toString())), "path_denied");
        error(call("thumbnail_image", Map.of("path", "plain.jpg")), "bad_parameter");
        error(call("thumbnail_image", Map.of("path", readRoot.toString())), "bad_parameter");
        error(call("thumbnail_image", Map.of("data", "this is not base64!")), "bad_parameter");
        error(call("thumbnail_image", Map.of("data", Base64.getEncoder().encodeToString(
                "just some text, not an image".getBytes(StandardCharsets.UTF_8)))), "unsupported_type");
        error(call("thumbnail_image", Map.of("data", "data:image/png;base64," + Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Samples.get("plain.jpg"))))), "type_mismatch");
        error(call("transform_image", Map.of("path", plain, "operations", List.of(Map.of("op", "explode")))),
                "bad_parameter");
        error(call("thumbnail_image", Map.of()), "bad_parameter");
        error(call("thumbnail_image", Map.of("path", plain, "url", originBase + "/plain.jpg")), "bad_parameter");
        error(call("image_info", Map.of("path", plain, "output_path", writeRoot.resolve("i.json").toString())),
                "bad_parameter");
        error(call("thumbnail_image", Map.of("path", plain, "output_path", outside.resolve("t.jpg").toString())),
                "path_denied");
        error(call("thumbnail_image", Map.of("path", plain, "output_path", writeRoot.resolve("link.jpg")
                .toString())), "path_denied");
        error(call("thumbnail_image", Map.of("path", plain, "output_path", writeRoot.resolve("no/such/dir.jpg")
                .toString())), "path_denied");
        assertThat(Files.exists(outside.resolve("planted.jpg"))).isFalse();
        assertThat(Files.exists(outside.resolve("t.jpg"))).isFalse();
    }

    /** McpResourcesTest and McpPromptsTest go into detail over /mcp; this holds over every transport. */
    @Test
    void images_in_the_roots_are_resources_and_nothing_outside_them_can_be_read_as_one() throws Exception {
        List<String> uris = client.listResources().resources().stream().map(Resource::uri).toList();
        assertThat(uris).contains("darkroom://catalog", readRoot.resolve("plain.jpg").toUri().toString(),
                readRoot.resolve("alpha.png").toUri().toString()).noneMatch(uri -> uri.contains("outside"));
        BlobResourceContents plain = (BlobResourceContents) client.readResource(new ReadResourceRequest(
                readRoot.resolve("plain.jpg").toUri().toString())).contents().get(0);
        assertThat(plain.mimeType()).isEqualTo("image/jpeg");
        assertThat(Base64.getDecoder().decode(plain.blob())).isEqualTo(Files.readAllBytes(Samples.get("plain.jpg")));

        Path link = Files.createSymbolicLink(readRoot.resolve("leads-out.jpg"), outside.resolve("secret.jpg"));
        try {
            for (String uri : List.of("file://" + readRoot + "/../outside/secret.jpg", link.toUri().toString(),
                    outside.resolve("secret.jpg").toUri().toString())) {
                assertThatThrownBy(() -> client.readResource(new ReadResourceRequest(uri))).as(uri)
                        .isInstanceOfSatisfying(McpError.class, refusal -> assertThat(refusal.getMessage())
                                .startsWith("path_denied: ").doesNotContain(dir.toString()));
            }
        } finally {
            Files.delete(link);
        }
        assertThat(client.listPrompts().prompts()).extracting(Prompt::name)
                .containsExactlyInAnyOrder("describe_images", "make_web_copies");
        assertThat(((TextContent) client.getPrompt(new GetPromptRequest("describe_images", Map.of("images",
                readRoot.resolve("plain.jpg").toString()))).messages().get(0).content()).text()).contains("image_info");
    }

    @Test
    void eight_calls_at_once_all_get_their_own_answer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CallToolResult>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int width = 40 + i;
                calls.add(pool.submit(() -> call("thumbnail_image", Map.of("path",
                        readRoot.resolve(width % 2 == 0 ? "plain.jpg" : "alpha.png").toString(), "width", width,
                        "height", width))));
            }
            for (int i = 0; i < 8; i++) {
                CallToolResult result = ok(calls.get(i).get());
                Path saved = Files.write(dir.resolve("concurrent-" + i), Base64.getDecoder()
                        .decode(image(result).data()));
                assertThat(Identify.of(saved).width()).as("call " + i).isEqualTo(40 + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_batch_reports_every_item_and_one_bad_item_does_not_sink_it() {
        List<Map<String, Object>> items = List.of(
                Map.of("path", readRoot.resolve("plain.jpg").toString()),
                Map.of("path", outside.resolve("secret.jpg").toString()),
                Map.of("url", originBase + "/plain.jpg"),
                Map.of("path", readRoot.resolve("alpha.png").toString(),
                        "output_path", writeRoot.resolve("batch-alpha.png").toString()));
        CallToolResult result = client.callTool(CallToolRequest.builder().name("batch_process")
                .arguments(Map.of("flow", "thumbnail_image", "items", items, "parameters", Map.of("width", 50,
                        "height", 50)))
                .progressToken("batch-1").build());

        assertThat(result.isError()).as(text(result)).isFalse();
        Map<String, Object> summary = structured(result);
        assertThat(summary).containsEntry("total", 4).containsEntry("succeeded", 3).containsEntry("failed", 1);
        List<Map<String, Object>> outcomes = (List<Map<String, Object>>) summary.get("items");
        assertThat(outcomes).extracting(item -> item.get("ok")).containsExactly(true, false, true, true);
        assertThat(outcomes.get(1)).containsEntry("code", "path_denied");
        assertThat(outcomes.get(3)).containsEntry("output_path", writeRoot.resolve("batch-alpha.png").toString());
        assertThat(result.content()).filteredOn(ImageContent.class::isInstance).hasSize(2);
        assertThat(text(result)).contains("3 of 4 succeeded").contains("item 1").contains("path_denied: ");
        assertThat(Identify.of(writeRoot.resolve("batch-alpha.png")).width()).isEqualTo(50);

        if (deliversProgress()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> progress.stream()
                    .filter(p -> "batch-1".equals(p.progressToken())).count() == 4);
            List<Double> done = progress.stream().filter(p -> "batch-1".equals(p.progressToken()))
                    .map(ProgressNotification::progress).toList();
            // The server sends them in order (counted and sent under one lock), but the SDK's client hands
            // notifications to the consumer on several threads, so they may arrive here reordered.
            assertThat(done).containsExactlyInAnyOrder(1.0, 2.0, 3.0, 4.0);
            assertThat(progress).allMatch(p -> p.total() == 4.0 && p.message().contains("of 4 done"));
        } else {
            assertThat(progress).isEmpty();
        }

        error(client.callTool(new CallToolRequest("batch_process", Map.of("flow", "sharpen_everything",
                "items", items))), "unknown_flow");
        error(client.callTool(new CallToolRequest("batch_process", Map.of("flow", "thumbnail_image",
                "items", items, "parameters", Map.of("width", 99999)))), "bad_parameter");
        error(client.callTool(new CallToolRequest("batch_process", Map.of("flow", "thumbnail_image",
                "items", List.of()))), "bad_parameter");
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    static Map<String, Object> with(Map<String, Object> params, String name, Object value) {
        Map<String, Object> arguments = new LinkedHashMap<>(params);
        arguments.put(name, value.toString());
        return arguments;
    }

    static CallToolResult ok(CallToolResult result) {
        return McpAssertions.ok(result);
    }

    static CallToolResult error(CallToolResult result, String code) {
        return McpAssertions.error(result, code, dir.toString());
    }

    static String text(CallToolResult result) {
        return McpAssertions.text(result);
    }

    static ImageContent image(CallToolResult result) {
        return McpAssertions.image(result);
    }

    static Map<String, Object> structured(CallToolResult result) {
        return McpAssertions.structured(result);
    }

    static Tool tool(List<Tool> tools, String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Tool tool) {
        return (Map<String, Object>) tool.inputSchema().get("properties");
    }
}
