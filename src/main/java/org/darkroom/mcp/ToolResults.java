package org.darkroom.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.darkroom.flow.DarkroomException;

/**
 * Renders outcomes as MCP tool results, the one place that maps an error code for this door: an image comes back
 * inline with a one-line summary, a written file as its summary, JSON as the same JSON in text; the record is the
 * structured content of every success; a failure is {@code isError} with {@code "<code>: <sentence>"} and
 * {@code {code, message}}.
 */
final class ToolResults {
    /** The {@code _meta} key of a result's request id. */
    static final String REQUEST_ID_META = "darkroom/request_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolResults() {
    }

    static CallToolResult of(ToolOutcome outcome) {
        if (!outcome.ok()) {
            return error(outcome.error(), outcome.requestId());
        }
        if (outcome.image() == null && outcome.writtenTo() == null) {
            return named(CallToolResult.builder().structuredContent(outcome.record())
                    .content(List.of(text(json(outcome.record())))).isError(false), outcome.requestId()).build();
        }
        // The record as structured content too, as each tool's output schema promises; the text is its summary.
        return named(CallToolResult.builder().content(contents(outcome)).structuredContent(outcome.record())
                .isError(false), outcome.requestId()).build();
    }

    /**
     * The request id under {@code _meta} (MCP's place for what is not content), so a client finds the id of an image
     * result too, whose record travels as no structured content.
     */
    private static CallToolResult.Builder named(CallToolResult.Builder result, String requestId) {
        return requestId == null ? result : result.meta(Map.of(REQUEST_ID_META, requestId));
    }

    /** The image (when inline) and its summary, in that order. */
    private static List<Content> contents(ToolOutcome outcome) {
        List<Content> contents = new ArrayList<>();
        if (outcome.image() != null) {
            contents.add(image(outcome));
        }
        contents.add(text(summary(outcome)));
        return contents;
    }

    static ImageContent image(ToolOutcome outcome) {
        return ImageContent.builder(Base64.getEncoder().encodeToString(outcome.image()), outcome.mimeType()).build();
    }

    static CallToolResult error(DarkroomException error) {
        return error(error, null);
    }

    /** {@code requestId} names the failed job in Darkroom's log; {@code null} when the call never became one. */
    static CallToolResult error(DarkroomException error, String requestId) {
        return named(CallToolResult.builder().content(List.of(text(error.code().code() + ": " + error.publicMessage())))
                .structuredContent(errorJson(error, requestId)).isError(true), requestId).build();
    }

    static Map<String, Object> errorJson(DarkroomException error, String requestId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", error.code().code());
        json.put("message", error.publicMessage());
        if (requestId != null) {
            json.put("request_id", requestId);
        }
        return json;
    }

    /**
     * One line an assistant can repeat: {@code thumbnail: JPEG 640×427, 43.1 KiB → JPEG 256×171, 10.2 KiB in 85 ms}.
     */
    @SuppressWarnings("unchecked")
    static String summary(ToolOutcome outcome) {
        Map<String, Object> record = outcome.record();
        Map<String, Object> input = (Map<String, Object>) record.get("input");
        Map<String, Object> output = (Map<String, Object>) record.get("output");
        String from = describe(input);
        String ms = " in " + record.get("elapsed_ms") + " ms.";
        if (output == null) {
            return outcome.flow() + ": " + from + ms;
        }
        if (outcome.writtenTo() != null) {
            return outcome.flow() + ": wrote " + outcome.writtenTo() + " (" + describe(output) + ") from " + from + ms;
        }
        return outcome.flow() + ": " + from + " → " + describe(output) + ms;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Records hold only JSON-able values", e);
        }
    }

    private static TextContent text(String text) {
        return TextContent.builder(text).build();
    }

    private static String describe(Map<String, Object> image) {
        return String.valueOf(image.get("type")).toUpperCase(Locale.ROOT) + " " + image.get("width") + "×"
                + image.get("height") + ", " + size(((Number) image.get("bytes")).longValue());
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double kib = bytes / 1024.0;
        return kib < 1024 ? String.format(Locale.ROOT, "%.1f KiB", kib)
                : String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
    }
}
