package org.darkroom.mcp;

import static org.darkroom.flow.JsonSchema.described;
import static org.darkroom.flow.JsonSchema.object;
import static org.darkroom.flow.JsonSchema.props;
import static org.darkroom.flow.JsonSchema.type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.RecordSchema;

/**
 * The tools' JSON Schemas, generated from the catalog's parameter declarations plus the door's own arguments.
 *
 * <p>No schema uses {@code oneOf}, {@code anyOf} or {@code allOf} at the top level of an input schema: several model
 * APIs refuse such tools outright (see {@link ToolRequest}); rules they would express are checked by the door and
 * stated in the descriptions instead. Output schemas are only read by MCP clients, so they may say "a record or an
 * error" exactly.
 */
final class ToolSchemas {
    private static final Map<String, Object> ERROR_REQUIRED = Map.of("required", List.of("code", "message"));
    private final long maxBytes;

    ToolSchemas(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A flow's parameters, plus exactly one of path/url/data and, for image flows, output_path. */
    @SuppressWarnings("unchecked")
    Map<String, Object> flowInput(FlowSpec flow) {
        Map<String, Object> params = flow.params().jsonSchema();
        Map<String, Object> properties = new LinkedHashMap<>(sourceProperties());
        properties.putAll((Map<String, Object>) params.get("properties"));
        if (flow.output().hasImage()) {
            properties.put(OutputFile.ARGUMENT, outputPath());
        }
        Map<String, Object> schema = object(properties);
        if (params.containsKey("required")) {
            schema.put("required", params.get("required"));
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The job record a tool answers with (typed for its flow), or the error that replaced it. */
    static Map<String, Object> output(FlowSpec flow) {
        Map<String, Object> schema = RecordSchema.of(flow);
        Object required = schema.remove("required");
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        properties.putAll(errorProperties());
        schema.put("anyOf", List.of(Map.of("required", required), ERROR_REQUIRED));
        return schema;
    }

    /** batch_process: one flow, many items, shared parameters. */
    Map<String, Object> batchInput(FlowCatalog catalog, int maxItems) {
        List<String> names = new ArrayList<>();
        catalog.all().forEach(flow -> names.add(flow.toolName()));
        catalog.all().forEach(flow -> names.add(flow.name()));
        Map<String, Object> flow = described("string", "The tool (or flow) to run on every item, e.g. "
                + catalog.all().iterator().next().toolName() + ".");
        flow.put("enum", names);
        Map<String, Object> itemProperties = new LinkedHashMap<>(sourceProperties());
        itemProperties.put(OutputFile.ARGUMENT, outputPath());
        Map<String, Object> item = object(itemProperties);
        item.put("additionalProperties", false);
        Map<String, Object> items = described("array", "The images, each given as exactly one of path, url or data,"
                + " with an optional output_path. At most " + maxItems + ".");
        items.put("minItems", 1);
        items.put("maxItems", maxItems);
        items.put("items", item);
        Map<String, Object> parameters = described("object", "The flow's parameters, applied to every item; the"
                + " same names, values and defaults as the tool's own schema.");
        Map<String, Object> schema = object(props("flow", flow, "items", items, "parameters", parameters));
        schema.put("required", List.of("flow", "items"));
        schema.put("additionalProperties", false);
        return schema;
    }

    /** What batch_process answers: each item's outcome in order, or the error that stopped the whole batch. */
    static Map<String, Object> batchOutput() {
        Map<String, Object> item = object(props(
                "index", described("integer", "The item's position in items, from 0."),
                "ok", type("boolean"),
                "source", described("string", "The item's path or url (data is not repeated)."),
                "output_path", described("string", "Where the result was written, when the item gave output_path."),
                "code", described("string", "The error code, when the item failed."),
                "message", described("string", "What went wrong and what to do, when the item failed."),
                "record", described("object", "The job record: request_id, flow, parameters, input, output or result, elapsed_ms.")));
        item.put("required", List.of("index", "ok"));
        Map<String, Object> items = type("array");
        items.put("items", item);
        Map<String, Object> properties = props("flow", type("string"), "total", type("integer"),
                "succeeded", type("integer"), "failed", type("integer"), "items", items);
        properties.putAll(errorProperties());
        Map<String, Object> schema = object(properties);
        schema.put("anyOf", List.of(Map.of("required", List.of("flow", "total", "succeeded", "failed", "items")),
                ERROR_REQUIRED));
        return schema;
    }

    private Map<String, Object> sourceProperties() {
        String one = " Give exactly one of path, url or data.";
        Map<String, Object> url = described("string", "The address of the image to fetch: https, public hosts only."
                + one);
        url.put("format", "uri");
        return props(
                "path", described("string", "Absolute path of the image file on the machine Darkroom runs on, inside"
                        + " the folders it may read (darkroom.mcp.read-roots)." + one),
                "url", url,
                "data", described("string", "The image itself, base64-encoded, or as a data: URI such as"
                        + " data:image/png;base64,…; at most " + maxBytes + " bytes once decoded." + one));
    }

    private static Map<String, Object> outputPath() {
        return described("string", "Absolute path to write the result to, instead of getting the image back; it must"
                + " be inside the folders Darkroom may write (darkroom.mcp.write-roots) and its folder must exist. An"
                + " existing file there is replaced. Its extension picks the format when format is not given.");
    }

    private static Map<String, Object> errorProperties() {
        return props("code", described("string", "The stable error code, when the call failed."),
                "message", described("string", "What went wrong and what to do, when the call failed."),
                "request_id", described("string", "The failed request's id, as Darkroom's log names it."));
    }
}
