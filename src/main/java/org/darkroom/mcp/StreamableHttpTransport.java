package org.darkroom.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over Streamable HTTP, stateless, as one step of a platform-http route ({@code routes/mcp-http.camel.yaml}) on
 * Camel's own server: no servlet container and no second port.
 *
 * <p>The SDK's servlet transport, translated to a Camel exchange: a POSTed JSON-RPC request is handed to the SDK's
 * handler and its response returned as JSON; a notification gets {@code 202}. Stateless means no session and no
 * messages from server to client during a call, so no progress notifications over HTTP. {@code resources/list} is
 * answered by {@link ResourcesAndPrompts} (the SDK cannot list files as they are now). The API key is checked by
 * the HTTP door before this step; without keys (loopback only) a browser page's {@code Origin} must be local too, so
 * a web page cannot drive the tools through DNS rebinding.
 */
public final class StreamableHttpTransport implements McpStatelessServerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(StreamableHttpTransport.class);
    private static final String JSON = "application/json";
    private static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    private static final List<String> LOCAL_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*",
            "http://[::1]:*", "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*");

    private final McpJsonMapper json;
    private final ServerTransportSecurityValidator origins;
    private final JsonRpcScreen screen;
    private final ResourcesAndPrompts more;
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    StreamableHttpTransport(McpJsonMapper json, boolean apiKeysRequired, ResourcesAndPrompts more) {
        this.json = json;
        this.more = more;
        this.screen = new JsonRpcScreen(json);
        this.origins = apiKeysRequired ? ServerTransportSecurityValidator.NOOP
                : DefaultServerTransportSecurityValidator.builder().allowedOrigins(LOCAL_ORIGINS).build();
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /** Route step: one POST to {@code /mcp}. */
    public void handle(Exchange exchange) {
        Message message = exchange.getMessage();
        String accept = message.getHeader("Accept", "", String.class);
        String origin = message.getHeader("Origin", String.class);
        String version = message.getHeader(PROTOCOL_VERSION, String.class);
        String body = message.getBody(String.class);
        // Request headers would otherwise be echoed back as response headers.
        message.removeHeaders("*");
        try {
            origins.validateHeaders(origin == null ? Map.of() : Map.of("Origin", List.of(origin)));
        } catch (ServerTransportSecurityException e) {
            error(exchange, e.getStatusCode(), McpSchema.ErrorCodes.INVALID_REQUEST, "This origin may not call"
                    + " Darkroom's MCP endpoint.");
            return;
        }
        // The specification: a version the server does not support is 400; none at all means the oldest that has
        // the header (2025-03-26), which this server speaks.
        if (version != null && !protocolVersions().contains(version)) {
            error(exchange, 400, McpSchema.ErrorCodes.INVALID_REQUEST, "Unsupported MCP-Protocol-Version '"
                    + (version.length() > 40 ? version.substring(0, 40) + "…" : version) + "'; this server speaks "
                    + String.join(", ", protocolVersions()) + ".");
            return;
        }
        if (closing) {
            error(exchange, 503, McpSchema.ErrorCodes.INTERNAL_ERROR, "Darkroom is shutting down.");
            return;
        }
        if (!accept.contains(JSON) || !accept.contains("text/event-stream")) {
            error(exchange, 400, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Both application/json and text/event-stream are required in the Accept header.");
            return;
        }
        JsonRpcScreen.Screened screened = screen.screen(body == null ? "" : body);
        if (screened.error() != null) {
            respond(exchange, 400, JsonRpcScreen.write(screened.error()));
            return;
        }
        McpSchema.JSONRPCMessage received = screened.message();
        if (received == null) {
            // A notification with unusable params: never answered, only acknowledged.
            respond(exchange, 202, null);
            return;
        }
        McpTransportContext context = McpTransportContext.EMPTY;
        try {
            if (received instanceof McpSchema.JSONRPCRequest request
                    && request.method().equals(ResourcesAndPrompts.LIST)) {
                respond(exchange, 200, json.writeValueAsString(JsonRpcScreen.plain(more.list(request))));
            } else if (received instanceof McpSchema.JSONRPCRequest request) {
                JSONRPCResponse response = handler.handleRequest(context, request)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
                respond(exchange, 200, json.writeValueAsString(JsonRpcScreen.plain(response)));
            } else if (received instanceof McpSchema.JSONRPCNotification notification) {
                handler.handleNotification(context, notification)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
                respond(exchange, 202, null);
            } else {
                error(exchange, 400, McpSchema.ErrorCodes.INVALID_REQUEST,
                        "A stateless server takes requests and notifications only.");
            }
        } catch (IOException | RuntimeException e) {
            // Tool failures are already results; this is the SDK itself failing. Its message stays in the log.
            LOG.error("MCP request failed in the SDK", e);
            error(exchange, 500, McpSchema.ErrorCodes.INTERNAL_ERROR, "Darkroom hit an internal error.");
        }
    }

    private void error(Exchange exchange, int status, int code, String text) {
        respond(exchange, status, JsonRpcScreen.write(JsonRpcScreen.error(null, code, text)));
    }

    private static void respond(Exchange exchange, int status, String body) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (body != null) {
            message.setHeader(Exchange.CONTENT_TYPE, JSON);
        }
        message.setBody(body);
    }
}
