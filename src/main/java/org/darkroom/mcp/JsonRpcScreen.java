package org.darkroom.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.darkroom.flow.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one incoming JSON-RPC message before the MCP SDK sees it, so that whatever a client sends gets the error
 * the JSON-RPC specification gives, in a plain sentence, and the session goes on.
 *
 * <p>The SDK stops reading stdin at the first message it cannot read, and answers a request whose {@code params} it
 * cannot convert with the name of a Java type; both are screened out here, for stdio and HTTP alike. MCP 2025-06-18
 * dropped JSON-RPC batches, so an array is an invalid request.
 */
final class JsonRpcScreen {
    static final String TOOLS_CALL = "tools/call";
    static final String CANCELLED = "notifications/cancelled";
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcScreen.class);
    // The line or body is already capped; the parser's own string cap (20 MB) would refuse large base64 images.
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** What became of one message: exactly one of a message for the SDK, an error to answer, or nothing. */
    record Screened(JSONRPCMessage message, Map<String, Object> error) {
        static final Screened SILENT = new Screened(null, null);
    }

    private final McpJsonMapper mcp;

    JsonRpcScreen(McpJsonMapper mcp) {
        this.mcp = mcp;
    }

    Screened screen(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return refuse(null, ErrorCodes.PARSE_ERROR, "Parse error: the message is not valid JSON.");
        }
        if (node == null || node.isMissingNode()) {
            return refuse(null, ErrorCodes.PARSE_ERROR, "Parse error: the message is empty.");
        }
        if (node.isArray()) {
            return refuse(null, ErrorCodes.INVALID_REQUEST, "Invalid request: batches are not supported; send one"
                    + " JSON-RPC message at a time.");
        }
        if (!node.isObject()) {
            return refuse(null, ErrorCodes.INVALID_REQUEST, "Invalid request: a message must be a JSON object.");
        }
        JsonNode idNode = node.get("id");
        boolean hasId = idNode != null && !idNode.isNull();
        if (hasId && !idNode.isTextual() && !idNode.isIntegralNumber()) {
            return refuse(null, ErrorCodes.INVALID_REQUEST, "Invalid request: id must be a string or an integer.");
        }
        Object id = hasId ? (idNode.isTextual() ? idNode.textValue() : idNode.numberValue()) : null;
        if (!McpSchema.JSONRPC_VERSION.equals(node.path("jsonrpc").textValue())) {
            return refuse(id, ErrorCodes.INVALID_REQUEST, "Invalid request: jsonrpc must be \"2.0\".");
        }
        JsonNode method = node.get("method");
        if (method == null) {
            return response(text, id);
        }
        if (!method.isTextual()) {
            return hasId ? refuse(id, ErrorCodes.INVALID_REQUEST, "Invalid request: method must be a string.")
                    : Screened.SILENT;
        }
        String problem = paramsProblem(method.textValue(), node.get("params"));
        if (problem != null) {
            // A notification is never answered, not even with an error.
            return hasId ? refuse(id, ErrorCodes.INVALID_PARAMS, "Invalid params: " + problem) : Screened.SILENT;
        }
        Object params = params(node.get("params"));
        return new Screened(hasId ? new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, method.textValue(), id,
                params) : new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, method.textValue(), params),
                null);
    }

    /**
     * The response as it may leave: an internal error's message (the SDK puts an exception's text there, which can
     * name Java types) becomes a plain sentence, and the original goes to the log.
     */
    static JSONRPCResponse plain(JSONRPCResponse response) {
        if (response == null || response.error() == null || !Integer.valueOf(ErrorCodes.INTERNAL_ERROR).equals(response.error().code())) {
            return response;
        }
        LOG.warn("MCP request {} failed: {}", LogText.of(String.valueOf(response.id())),
                LogText.of(response.error().message()));
        return new JSONRPCResponse(response.jsonrpc(), response.id(), null, new JSONRPCResponse.JSONRPCError(
                ErrorCodes.INTERNAL_ERROR, "Internal error: Darkroom could not handle this request; the log has the"
                + " detail.", null));
    }

    /** A JSON-RPC error response; its id is {@code null} when none could be read. */
    static Map<String, Object> error(Object id, int code, String message) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", id);
        response.put("error", Map.of("code", code, "message", message));
        return response;
    }

    static String write(Object response) {
        try {
            return JSON.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON-RPC response is plain JSON", e);
        }
    }

    /** Why the params cannot be what the method takes, or {@code null}: every MCP method takes an object. */
    private static String paramsProblem(String method, JsonNode params) {
        if (params == null || params.isNull()) {
            return method.equals(TOOLS_CALL) ? "tools/call takes params with name and arguments." : null;
        }
        if (!params.isObject()) {
            return "params must be a JSON object.";
        }
        JsonNode meta = params.get("_meta");
        if (meta != null && !meta.isNull() && !meta.isObject()) {
            return "_meta must be a JSON object.";
        }
        if (method.equals(TOOLS_CALL)) {
            JsonNode arguments = params.get("arguments");
            if (!params.path("name").isTextual()) {
                return "tools/call takes name, the tool's name as a string.";
            }
            if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                return "arguments must be a JSON object of the tool's arguments.";
            }
        }
        if (method.equals(CANCELLED)) {
            JsonNode requestId = params.get("requestId");
            if (requestId == null || !(requestId.isTextual() || requestId.isIntegralNumber())) {
                return "requestId must be a string or an integer.";
            }
        }
        return null;
    }

    private static Object params(JsonNode params) {
        return params == null || params.isNull() ? null : JSON.convertValue(params, Map.class);
    }

    private Screened response(String text, Object id) {
        try {
            return new Screened(McpSchema.deserializeJsonRpcMessage(mcp, text), null);
        } catch (IOException | RuntimeException e) {
            return refuse(id, ErrorCodes.INVALID_REQUEST, "Invalid request: a message needs a method, or a result or"
                    + " error with the id of a request.");
        }
    }

    private static Screened refuse(Object id, int code, String message) {
        return new Screened(null, error(id, code, message));
    }
}
