package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;

/**
 * {@code darkroom://catalog}: the flows this server offers as tools, with their parameters as JSON Schema, as one
 * JSON document an assistant can read before it calls anything. Made from the same catalog as the tools, after the
 * same filtering (no vision flow without a model), so the two never disagree.
 */
final class CatalogResource {
    static final String URI = "darkroom://catalog";
    static final String MIME_TYPE = "application/json";

    private final String json;

    CatalogResource(FlowCatalog catalog, int batchMaxItems) {
        List<Map<String, Object>> flows = new ArrayList<>();
        for (FlowSpec flow : catalog.all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", flow.name());
            entry.put("tool", flow.toolName());
            entry.put("summary", flow.summary());
            entry.put("output", flow.output().name().toLowerCase(Locale.ROOT));
            entry.put("parameters", flow.params().jsonSchema());
            flows.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("flows", flows);
        document.put("batch", Map.of("tool", BatchTool.NAME, "max_items", batchMaxItems));
        this.json = ToolResults.json(document);
    }

    static Resource definition() {
        return Resource.builder(URI, "catalog").title("Darkroom's catalog").mimeType(MIME_TYPE)
                .description("The flows this server offers as tools, with their parameters as JSON Schema, and the"
                        + " batch tool's item limit.").build();
    }

    ReadResourceResult read() {
        return new ReadResourceResult(List.of(new TextResourceContents(URI, MIME_TYPE, json)));
    }
}
