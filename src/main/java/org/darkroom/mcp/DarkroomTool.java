package org.darkroom.mcp;

import io.modelcontextprotocol.spec.McpSchema.Tool;

/**
 * One MCP tool independent of transport: its definition (name, description, schemas, hints) and its handler.
 *
 * <p>The list is built once; the stdio and HTTP servers each wrap the same handlers in their SDK's own shape.
 */
record DarkroomTool(Tool definition, ToolHandler handler) {
}
