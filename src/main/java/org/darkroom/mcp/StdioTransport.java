package org.darkroom.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * MCP over stdin/stdout, one JSON-RPC message per line, for a client that may send anything.
 *
 * <p>Replaces the SDK's stdio transport, which stops reading for good at the first line it cannot read. Here every
 * line is capped and screened ({@link BoundedLines}, {@link JsonRpcScreen}); a bad one is answered with its JSON-RPC
 * error and the next line is read, until stdin ends. {@code notifications/cancelled} is handled here too, since the
 * SDK ignores it: the call's flag is raised for its handler, and its answer is not sent. {@code resources/list} is
 * answered by {@link ResourcesAndPrompts} (the SDK cannot list files as they are now).
 */
final class StdioTransport implements McpServerTransportProvider {
    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

    private final McpJsonMapper json;
    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;
    private final JsonRpcScreen screen;
    private final Cancellations cancellations;
    private final ResourcesAndPrompts more;
    private volatile McpServerSession session;
    private volatile boolean closed;

    StdioTransport(McpJsonMapper json, InputStream in, OutputStream out, int maxLineBytes,
                   Cancellations cancellations, ResourcesAndPrompts more) {
        this.json = json;
        this.in = in;
        this.out = out;
        this.maxLineBytes = maxLineBytes;
        this.screen = new JsonRpcScreen(json);
        this.cancellations = cancellations;
        this.more = more;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        session = factory.create(new SessionTransport());
        Thread reader = new Thread(this::read, "darkroom-mcp-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.fromRunnable(() -> write(new JSONRPCNotification(McpSchema.JSONRPC_VERSION, method, params)));
    }

    @Override
    public Mono<Void> closeGracefully() {
        return session == null ? Mono.empty() : session.closeGracefully();
    }

    private void read() {
        BoundedLines lines = new BoundedLines(in, maxLineBytes);
        try {
            for (byte[] line; !closed && (line = lines.next()) != null; ) {
                if (line == BoundedLines.TOO_LONG) {
                    write(JsonRpcScreen.error(null, ErrorCodes.INVALID_REQUEST, "Invalid request: the message is"
                            + " longer than " + maxLineBytes + " bytes. Give large images by path or url."));
                } else {
                    take(line);
                }
            }
        } catch (IOException e) {
            LOG.warn("MCP stdin could not be read any more: {}", e.toString());
        }
    }

    private void take(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            write(JsonRpcScreen.error(null, ErrorCodes.PARSE_ERROR, "Parse error: the message is not valid UTF-8."));
            return;
        }
        JsonRpcScreen.Screened screened = screen.screen(text);
        if (screened.error() != null) {
            write(screened.error());
            return;
        }
        JSONRPCMessage message = screened.message();
        if (message instanceof JSONRPCNotification notification && notification.method()
                .equals(JsonRpcScreen.CANCELLED)) {
            cancellations.cancel(((Map<?, ?>) notification.params()).get("requestId"));
            return;
        }
        if (message instanceof JSONRPCRequest request && request.method().equals(ResourcesAndPrompts.LIST)) {
            // Answered from the files as they are, off this thread: a listing reads folders and file headers.
            Mono.fromCallable(() -> more.list(request)).subscribeOn(Schedulers.boundedElastic())
                    .subscribe(this::write, error -> LOG.warn("MCP resources/list failed: {}", error.toString()));
            return;
        }
        if (message instanceof JSONRPCRequest request && request.method().equals(JsonRpcScreen.TOOLS_CALL)) {
            message = tracked(request);
        }
        session.handle(message).subscribe(null, error -> LOG.warn("MCP message not handled: {}", error.toString()));
    }

    /** The request with its own id under a {@code _meta} key the client cannot forge, for its handler to find. */
    @SuppressWarnings("unchecked")
    private JSONRPCRequest tracked(JSONRPCRequest request) {
        Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) request.params());
        Map<String, Object> meta = params.get("_meta") instanceof Map<?, ?> given
                ? new LinkedHashMap<>((Map<String, Object>) given) : new LinkedHashMap<>();
        meta.put(Cancellations.META_KEY, cancellations.track(request.id()));
        params.put("_meta", meta);
        return new JSONRPCRequest(request.jsonrpc(), request.method(), request.id(), params);
    }

    private void write(Object message) {
        if (message instanceof JSONRPCResponse response && cancellations.finish(response.id())) {
            LOG.info("MCP request {} was cancelled; its answer is not sent", response.id());
            return;
        }
        Object sent = message instanceof JSONRPCResponse response ? JsonRpcScreen.plain(response) : message;
        try {
            byte[] bytes = json.writeValueAsBytes(sent);
            synchronized (out) {
                out.write(bytes);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("MCP message not written: {}", e.toString());
        }
    }

    /** The one session's side of the transport: the SDK sends through it. */
    private final class SessionTransport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.fromRunnable(() -> write(message));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return json.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(this::close);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
