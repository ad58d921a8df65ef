package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.darkroom.flow.FlowSpec;

/**
 * Renders a batch's outcomes as one tool result: a summary line, then per item a line (and its image when it came
 * back inline), and as structured content {@code {flow, total, succeeded, failed, items}} in the items' order.
 */
final class BatchResults {
    private BatchResults() {
    }

    static CallToolResult render(FlowSpec flow, List<Object> items, List<ToolOutcome> outcomes) {
        List<Content> contents = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        int succeeded = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            ToolOutcome outcome = outcomes.get(i);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", i);
            result.put("ok", outcome.ok());
            source(items.get(i)).ifPresent(source -> result.put("source", source));
            String label = "item " + i + source(items.get(i)).map(source -> " (" + source + ")").orElse("") + ": ";
            if (outcome.ok()) {
                succeeded++;
                if (outcome.writtenTo() != null) {
                    result.put(OutputFile.ARGUMENT, outcome.writtenTo());
                }
                result.put("record", outcome.record());
                boolean json = !outcome.record().containsKey("output");
                contents.add(text(label + (json ? ToolResults.json(outcome.record()) : ToolResults.summary(outcome))));
                if (outcome.image() != null) {
                    contents.add(ToolResults.image(outcome));
                }
            } else {
                result.putAll(ToolResults.errorJson(outcome.error(), outcome.requestId()));
                contents.add(text(label + outcome.error().code().code() + ": " + outcome.error().publicMessage()));
            }
            results.add(result);
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("flow", flow.name());
        structured.put("total", outcomes.size());
        structured.put("succeeded", succeeded);
        structured.put("failed", outcomes.size() - succeeded);
        structured.put("items", results);
        int failed = outcomes.size() - succeeded;
        contents.add(0, text(BatchTool.NAME + " " + flow.name() + ": " + succeeded + " of " + outcomes.size()
                + " succeeded" + (failed > 0 ? ", " + failed + " failed" : "") + "."));
        return CallToolResult.builder().content(contents).structuredContent(structured).isError(false).build();
    }

    private static TextContent text(String text) {
        return TextContent.builder(text).build();
    }

    private static Optional<String> source(Object item) {
        if (item instanceof Map<?, ?> fields) {
            for (String name : List.of("path", "url")) {
                if (fields.get(name) instanceof String text) {
                    return Optional.of(text);
                }
            }
        }
        return Optional.empty();
    }
}
