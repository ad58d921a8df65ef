package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/** What a tool does with its arguments, whichever transport carried the call. */
@FunctionalInterface
interface ToolHandler {
    /** Never throws: every failure comes back as a result with {@code isError} set. */
    CallToolResult call(Map<String, Object> arguments, Progress progress);
}
