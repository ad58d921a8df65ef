package org.darkroom.mcp;

import java.util.Map;
import org.darkroom.flow.FlowSpec;

/** The body sent to {@code direct:mcp-call}: which flow, and the caller's arguments as they arrived. */
record ToolCall(FlowSpec flow, Map<String, Object> arguments) {
}
