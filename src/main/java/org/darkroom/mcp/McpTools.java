package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.ParamSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool list, generated once from the catalog and shared by both transports: one tool per flow, named by its
 * {@link FlowSpec#toolName()}, plus {@code batch_process}.
 *
 * <p>Hints say what a call can do here: with no write roots no tool can write anything ({@code output_path} is
 * refused), so every tool is read-only and a client need not ask before a thumbnail; with write roots an image tool
 * may replace a file at {@code output_path}, so it is neither read-only nor safe from overwriting (destructive). Every
 * tool is idempotent (the same call writes the same file) and open-world (it fetches URLs).
 */
final class McpTools {
    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);

    private McpTools() {
    }

    /** {@code writes}: whether any write root is configured, so that {@code output_path} can write a file. */
    static List<DarkroomTool> build(FlowCatalog catalog, ToolCalls calls, ToolSchemas schemas, int batchMaxItems,
                                    int workers, boolean writes) {
        List<DarkroomTool> tools = new ArrayList<>();
        for (FlowSpec flow : catalog.all()) {
            for (ParamSpec param : flow.params().specs()) {
                if (ToolRequest.DOOR_ARGUMENTS.contains(param.name())) {
                    throw new IllegalStateException("Flow " + flow.name() + " declares '" + param.name()
                            + "', a name the MCP door reserves for the image source or output.");
                }
            }
            Tool.Builder tool = Tool.builder(flow.toolName()).title(title(flow.toolName()))
                    .description(description(flow)).inputSchema(schemas.flowInput(flow))
                    .annotations(hints(title(flow.toolName()), !writes || !flow.output().hasImage()))
                    .outputSchema(ToolSchemas.output(flow));
            tools.add(new DarkroomTool(tool.build(), safely(flow.toolName(),
                    (arguments, progress) -> ToolResults.of(calls.call(flow, arguments)))));
        }
        Tool batch = Tool.builder(BatchTool.NAME).title("Batch process").description(batchDescription(batchMaxItems))
                .inputSchema(schemas.batchInput(catalog, batchMaxItems)).outputSchema(ToolSchemas.batchOutput())
                .annotations(hints("Batch process", !writes)).build();
        tools.add(new DarkroomTool(batch, safely(BatchTool.NAME,
                new BatchTool(catalog, calls, batchMaxItems, workers))));
        return List.copyOf(tools);
    }

    private static String description(FlowSpec flow) {
        String input = " Give the image as exactly one of: path (an absolute file path inside the folders Darkroom may"
                + " read), url (an https address it fetches) or data (base64, or a data: URI).";
        if (!flow.output().hasImage()) {
            return flow.summary() + input + " Answers with JSON: the job record, its result under \"result\".";
        }
        return flow.summary() + input + " The result image comes back inline with a one-line summary; with"
                + " output_path it is written there instead (inside the folders Darkroom may write) and only the"
                + " summary comes back.";
    }

    private static String batchDescription(int maxItems) {
        return "Run one of the other tools on up to " + maxItems + " images in one call: flow names the tool, items"
                + " lists the images (each exactly one of path, url or data, optionally with output_path), and"
                + " parameters applies to every item. Items run in parallel; one failing does not stop the others,"
                + " and the answer reports each item's outcome in order. Sends progress notifications when the"
                + " request carries a progress token (stdio only). Prefer output_path for many images: inline"
                + " results all travel in one answer.";
    }

    private static ToolAnnotations hints(String title, boolean readOnly) {
        ToolAnnotations.Builder hints = ToolAnnotations.builder().title(title).readOnlyHint(readOnly)
                .idempotentHint(true).openWorldHint(true);
        if (!readOnly) {
            hints.destructiveHint(true);
        }
        return hints.build();
    }

    /** {@code thumbnail_image} → {@code Thumbnail image}. */
    private static String title(String toolName) {
        String words = toolName.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** A handler that cannot throw: whatever escapes becomes a coded error result, never a stack trace. */
    private static ToolHandler safely(String name, ToolHandler handler) {
        return (arguments, progress) -> {
            try {
                return handler.call(arguments, progress);
            } catch (RuntimeException e) {
                LOG.error("MCP tool {} failed unexpectedly", name, e);
                return ToolResults.error(DarkroomException.unwrap(e));
            }
        };
    }
}
