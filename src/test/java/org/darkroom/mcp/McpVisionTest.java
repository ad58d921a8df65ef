package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.darkroom.mcp.McpAssertions.image;
import static org.darkroom.mcp.McpAssertions.ok;
import static org.darkroom.mcp.McpAssertions.structured;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.McpClients;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The vision flows as MCP tools, through the SDK's own client, with the tiny bundle loaded. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpVisionTest {
    @TempDir
    static Path dir;
    private RunningDarkroom darkroom;
    private McpSyncClient client;
    private String photo;

    @BeforeAll
    void start() throws Exception {
        Path read = Files.createDirectories(dir.resolve("read"));
        Files.copy(Samples.get("plain.jpg"), read.resolve("plain.jpg"));
        Map<String, String> settings = new java.util.LinkedHashMap<>(TinyModel.settings());
        settings.put("darkroom.mcp.read-roots", read.toString());
        darkroom = RunningDarkroom.start(dir.resolve("data"), settings);
        client = McpClients.connect(McpClients.http(darkroom.port()), progress -> { });
        photo = Base64.getEncoder().encodeToString(Files.readAllBytes(Samples.get("plain.jpg")));
    }

    @AfterAll
    void stop() throws Exception {
        client.closeGracefully();
        darkroom.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_vision_tools_are_listed_with_their_required_arguments() {
        Map<String, Tool> tools = new HashMap<>();
        client.listTools().tools().forEach(tool -> tools.put(tool.name(), tool));
        assertThat(tools).containsKeys("caption_image", "ask_image", "detect_objects", "annotate_image");
        // The tiny bundle has no point template, so the tool that would only ever answer unsupported is not offered.
        assertThat(tools).doesNotContainKey("point_at_objects");
        assertThat((List<Object>) tools.get("ask_image").inputSchema().get("required")).containsExactly("question");
        assertThat((Map<String, Object>) tools.get("detect_objects").inputSchema().get("properties"))
                .containsKeys("object", "max_objects");
        assertThat(tools.get("caption_image").outputSchema()).isNotNull();
    }

    @Test
    void caption_and_questions_come_back_as_structured_content() {
        assertThat(result("caption_image", Map.of("data", photo, "length", "short"))).containsEntry("caption",
                "a red dot");
        assertThat(result("ask_image", Map.of("data", photo, "question", "Is there a dot?")))
                .containsEntry("answer", "yes").containsEntry("question", "Is there a dot?");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> result(String tool, Map<String, Object> arguments) {
        return (Map<String, Object>) structured(ok(client.callTool(new CallToolRequest(tool, arguments))))
                .get("result");
    }

    @Test
    @SuppressWarnings("unchecked")
    void annotate_returns_the_drawn_image_and_the_boxes() {
        var result = ok(client.callTool(new CallToolRequest("annotate_image",
                Map.of("data", photo, "object", "dot", "format", "png"))));
        assertThat(image(result).mimeType()).isEqualTo("image/png");
        Map<String, Object> output = (Map<String, Object>) structured(result).get("output");
        assertThat((List<Object>) output.get("boxes")).hasSize(2);
    }

    @Test
    void with_a_model_the_describe_prompt_and_the_catalog_resource_offer_captions() {
        var prompt = client.getPrompt(new GetPromptRequest("describe_images",
                Map.of("images", dir.resolve("read").toString())));
        assertThat(((TextContent) prompt.messages().get(0).content()).text()).contains("caption_image", "image_info")
                .doesNotContain("no vision model");
        var catalog = (TextResourceContents) client.readResource(new ReadResourceRequest("darkroom://catalog"))
                .contents().get(0);
        assertThat(catalog.text()).contains("\"caption_image\"").doesNotContain("point_at_objects");
    }

    @Test
    void pointing_without_the_template_is_no_tool_at_all() {
        assertThatThrownBy(() -> client.callTool(new CallToolRequest("point_at_objects",
                Map.of("data", photo, "object", "dot")))).hasMessageContaining("Unknown tool");
    }
}
