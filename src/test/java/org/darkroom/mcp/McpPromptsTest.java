package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.Identify;
import org.darkroom.testing.McpOverHttp;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The prompts, with the SDK's own client over {@code /mcp} and no vision model: what they ask for, that they name
 * only tools this server lists, that each argument rule is refused with a code, and that the batch call
 * {@code make_web_copies} spells out works as given.
 */
class McpPromptsTest {
    @RegisterExtension
    static final McpOverHttp SERVER = new McpOverHttp(McpPromptsTest::setUp);
    private final Path dir = SERVER.dir();
    private final Path photos = dir.resolve("read/photos");
    private final Path web = dir.resolve("write/web");
    private final Path outside = dir.resolve("outside");
    private final McpSyncClient client = SERVER.client();

    private static Map<String, String> setUp(Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("read/photos"));
        Files.createDirectories(dir.resolve("write/web"));
        for (String sample : List.of("plain.jpg", "alpha.png", "not-an-image.jpg")) {
            Files.copy(Samples.get(sample), photos.resolve(sample));
        }
        Files.copy(Samples.get("photo.webp"), photos.resolve("plain.webp"));
        Files.copy(Samples.get("plain.jpg"), Files.createDirectories(dir.resolve("outside")).resolve("secret.jpg"));
        Files.copy(Samples.get("plain.jpg"), Files.createDirectories(dir.resolve("write/own")).resolve("own.jpg"));
        // The write root is readable too, so that a prompt can be asked to write copies over their originals.
        return Map.of("darkroom.mcp.read-roots", dir.resolve("read") + "," + dir.resolve("write"),
                "darkroom.mcp.write-roots", dir.resolve("write").toString());
    }

    @Test
    void both_prompts_are_listed_with_their_arguments() {
        List<Prompt> prompts = client.listPrompts().prompts();
        assertThat(prompts).extracting(Prompt::name).containsExactlyInAnyOrder("describe_images", "make_web_copies");
        Prompt web = prompts.stream().filter(p -> p.name().equals("make_web_copies")).findFirst().orElseThrow();
        assertThat(web.arguments()).extracting(PromptArgument::name, PromptArgument::required).containsExactly(
                org.assertj.core.groups.Tuple.tuple("folder", true),
                org.assertj.core.groups.Tuple.tuple("output_folder", true),
                org.assertj.core.groups.Tuple.tuple("width", false),
                org.assertj.core.groups.Tuple.tuple("format", false));
    }

    @Test
    void describing_names_the_images_and_only_tools_this_server_lists() {
        String folder = text(get("describe_images", Map.of("images", photos.toString())));
        assertThat(folder).contains(photos.resolve("plain.jpg").toString(), photos.resolve("alpha.png").toString(),
                photos.resolve("plain.webp").toString()).doesNotContain("not-an-image");
        // No model here: caption_image is not listed, so the prompt must not send the assistant to it.
        assertThat(folder).contains("image_info").doesNotContain("caption_image").contains("no vision model");

        String files = text(get("describe_images", Map.of("images", photos.resolve("plain.jpg") + ", "
                + photos.resolve("alpha.png"))));
        assertThat(files).contains("these 2 images").doesNotContain("plain.webp");
    }

    @Test
    void each_argument_rule_is_refused_with_its_code() {
        Map<Map<String, Object>, String> describe = new LinkedHashMap<>();
        describe.put(Map.of(), "bad_parameter: The prompt describe_images needs the argument images");
        describe.put(Map.of("images", "  "), "bad_parameter: The prompt describe_images needs the argument images");
        describe.put(Map.of("images", photos.toString(), "style", "poem"), "bad_parameter: The prompt describe_images"
                + " takes no argument 'style'");
        describe.put(Map.of("images", outside.resolve("secret.jpg").toString()), "path_denied: ");
        describe.put(Map.of("images", "photos/plain.jpg"), "bad_parameter: ");
        describe.put(Map.of("images", photos.resolve("not-an-image.jpg").toString()), "unsupported_type: ");
        describe.forEach((arguments, message) -> refused("describe_images", arguments, message));

        String from = photos.toString();
        refused("make_web_copies", Map.of("folder", from), "bad_parameter: The prompt make_web_copies needs the"
                + " argument output_folder");
        refused("make_web_copies", Map.of("folder", from, "output_folder", outside.toString()), "path_denied: ");
        refused("make_web_copies", Map.of("folder", from, "output_folder", web.toString(), "width", "99999"),
                "bad_parameter: ");
        refused("make_web_copies", Map.of("folder", from, "output_folder", web.toString(), "width", "wide"),
                "bad_parameter: width must be a whole number");
        refused("make_web_copies", Map.of("folder", from, "output_folder", web.toString(), "format", "tiff"),
                "bad_parameter: format must be one of");
        String own = dir.resolve("write/own").toString();
        refused("make_web_copies", Map.of("folder", own, "output_folder", own + "/."),
                "bad_parameter: output_folder must not be the folder itself");
        assertThatThrownBy(() -> get("no_such_prompt", Map.of())).isInstanceOf(McpError.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_batch_call_that_make_web_copies_spells_out_writes_the_copies() throws Exception {
        String text = text(get("make_web_copies", Map.of("folder", photos.toString(), "output_folder",
                web.toString(), "width", "120")));
        Map<String, Object> call = new ObjectMapper().readValue(text.substring(text.indexOf('{'),
                text.lastIndexOf('}') + 1), Map.class);
        assertThat(call).containsEntry("flow", "resize_image")
                .containsEntry("parameters", Map.of("width", 120, "format", "webp"));

        CallToolResult result = client.callTool(new CallToolRequest("batch_process", call));
        assertThat(McpAssertions.structured(McpAssertions.ok(result))).containsEntry("succeeded", 3);
        // plain.jpg and plain.webp would both be plain.webp: the second keeps its old extension in its name.
        assertThat(org.darkroom.testing.DataDir.names(web)).containsExactlyInAnyOrder("plain.webp", "alpha.webp",
                "plain-webp.webp");
        Identify copy = Identify.of(web.resolve("plain.webp"));
        assertThat(copy.format()).isEqualTo("WEBP");
        assertThat(copy.width()).isEqualTo(120);
    }

    private void refused(String prompt, Map<String, Object> arguments, String message) {
        assertThatThrownBy(() -> get(prompt, arguments)).as(prompt + " " + arguments)
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getMessage()).startsWith(message).doesNotContain(dir.resolve("read").toString()
                            + ",").doesNotContain("Exception");
                    assertThat(error.getJsonRpcError().code()).isEqualTo(-32602);
                });
    }

    private GetPromptResult get(String prompt, Map<String, Object> arguments) {
        return client.getPrompt(new GetPromptRequest(prompt, arguments));
    }

    private static String text(GetPromptResult result) {
        assertThat(result.messages()).singleElement().satisfies(message -> assertThat(message.content())
                .isInstanceOf(TextContent.class));
        return ((TextContent) result.messages().get(0).content()).text();
    }
}
