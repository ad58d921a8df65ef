package org.darkroom.mcp;

import java.util.Map;
import org.darkroom.door.Admission;
import org.darkroom.flow.FlowSpec;

/**
 * The body sent to {@code direct:mcp-call}: which flow, the caller's arguments as they arrived, and the place the
 * call already holds under the service's limit ({@code null}: the call takes its own, or is answered busy).
 */
record ToolCall(FlowSpec flow, Map<String, Object> arguments, Admission.Permit admitted) {
}
