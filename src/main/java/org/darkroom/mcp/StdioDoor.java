package org.darkroom.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over stdin/stdout ({@code darkroom mcp}): the SDK's stdio server on the streams claimed at start-up, serving
 * the shared tool list, with progress notifications for calls that carry a progress token.
 *
 * <p>When the client closes stdin (the assistant quit or restarted the server), Darkroom answers what is in flight
 * and stops, so no JVM is left behind holding workers and a data directory.
 */
final class StdioDoor {
    private static final Logger LOG = LoggerFactory.getLogger(StdioDoor.class);
    private static final long QUIET_MS = 300;
    private static final long MAX_DRAIN_MS = 120_000;
    private final McpSyncServer server;
    private final CountDownLatch stopped;

    private StdioDoor(McpSyncServer server, CountDownLatch stopped) {
        this.server = server;
        this.stopped = stopped;
    }

    /**
     * Starts reading stdin; call once the routes are running, since the first message may be a tool call.
     *
     * @param busy how many tool calls are running, so the end of input waits for them to be answered
     */
    static StdioDoor start(CamelContext context, StandardStreams streams, List<DarkroomTool> tools,
                           ResourcesAndPrompts more, McpDoors.ServerInfo info, int maxMessageBytes, IntSupplier busy) {
        CountDownLatch stopped = new CountDownLatch(1);
        EndOfInput in = new EndOfInput(streams.in(), () -> {
            LOG.info("MCP client closed stdin; answering the calls in flight, then stopping Darkroom");
            new Thread(() -> {
                drain(busy);
                context.stop();
            }, "darkroom-stdin-closed").start();
            // The end is withheld until every call is answered and Camel has stopped: a client that sends its
            // requests and closes stdin still gets every answer.
            awaitQuietly(stopped);
        });
        Cancellations cancellations = new Cancellations();
        StdioTransport transport = new StdioTransport(McpJsonDefaults.getMapper(), in, streams.out(), maxMessageBytes,
                cancellations, more);
        McpServer.SingleSessionSyncSpecification specification = McpServer.sync(transport);
        more.addTo(specification);
        McpSyncServer server = specification.serverInfo(info.name(), info.version())
                .instructions(info.instructions()).capabilities(ResourcesAndPrompts.capabilities())
                // Darkroom checks arguments itself, so every refusal carries a stable code and a plain sentence.
                .validateToolInputs(false)
                .tools(tools.stream().map(tool -> specification(tool, cancellations)).toList())
                .build();
        LOG.info("MCP over stdio: {} tools", tools.size());
        return new StdioDoor(server, stopped);
    }

    /** Called once Camel has stopped: lets the input end, and closes the session. */
    void stop() {
        stopped.countDown();
        server.closeGracefully();
    }

    /** Waits until no call has run for a moment (calls just read may not have started yet), or gives up. */
    private static void drain(IntSupplier busy) {
        long deadline = System.currentTimeMillis() + MAX_DRAIN_MS;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            if (busy.getAsInt() > 0) {
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince >= QUIET_MS) {
                return;
            }
            sleepQuietly(50);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SyncToolSpecification specification(DarkroomTool tool, Cancellations cancellations) {
        return SyncToolSpecification.builder().tool(tool.definition())
                .callHandler((exchange, request) -> tool.handler().call(request.arguments(),
                        progress(exchange, request.progressToken(), cancellations.flag(request.meta() == null ? null
                                : request.meta().get(Cancellations.META_KEY)))))
                .build();
    }

    private static Progress progress(McpSyncServerExchange exchange, Object token, BooleanSupplier cancelled) {
        return new Progress() {
            @Override
            public void report(int done, int total, String message) {
                if (token != null) {
                    exchange.progressNotification(new ProgressNotification(token, done, (double) total, message));
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }
}
