package org.darkroom.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;

/** What every MCP tool result must look like: successes, and refusals that carry a code and nothing internal. */
public final class McpAssertions {
    private McpAssertions() {
    }

    public static CallToolResult ok(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isFalse();
        return result;
    }

    /** A refusal: isError, "<code>: <sentence>", {code, message}, and no server path, stack trace or tool output. */
    public static CallToolResult error(CallToolResult result, String code, String serverDir) {
        String text = text(result);
        assertThat(result.isError()).as(text).isTrue();
        assertThat(text).startsWith(code + ": ");
        assertThat(structured(result)).containsEntry("code", code).containsKey("message");
        assertThat(text).doesNotContain(serverDir).doesNotContain("Exception").doesNotContain("convert:")
                .doesNotContain("\tat ");
        return result;
    }

    public static String text(CallToolResult result) {
        return String.join("\n", result.content().stream().filter(TextContent.class::isInstance)
                .map(content -> ((TextContent) content).text()).toList());
    }

    public static ImageContent image(CallToolResult result) {
        return result.content().stream().filter(ImageContent.class::isInstance).map(ImageContent.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no image in " + text(result)));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> structured(CallToolResult result) {
        assertThat(result.structuredContent()).as(text(result)).isInstanceOf(Map.class);
        return (Map<String, Object>) result.structuredContent();
    }
}
