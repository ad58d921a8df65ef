package org.darkroom.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.LifecycleStrategySupport;
import org.darkroom.config.Settings;
import org.darkroom.door.Admission;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the MCP door from {@code darkroom.mcp.*}: the route steps, the tool list (built once, whatever the number
 * of transports), and each transport that is open.
 */
public final class McpDoors {
    static final String READ_ROOTS = "darkroom.mcp.read-roots";
    static final String WRITE_ROOTS = "darkroom.mcp.write-roots";
    static final String BATCH_MAX_ITEMS = "darkroom.mcp.batch-max-items";
    private static final Logger LOG = LoggerFactory.getLogger(McpDoors.class);

    /** How the server introduces itself to clients; the same over both transports. */
    record ServerInfo(String name, String version, String instructions) {
    }

    private final McpDoor door;
    private final ToolCalls calls;
    private final List<DarkroomTool> tools;
    private final ResourcesAndPrompts more;
    private final ServerInfo info;
    private final int maxMessageBytes;
    private volatile StdioDoor stdio;

    private McpDoors(McpDoor door, ToolCalls calls, List<DarkroomTool> tools, ResourcesAndPrompts more,
                     ServerInfo info, int maxMessageBytes) {
        this.door = door;
        this.calls = calls;
        this.tools = tools;
        this.more = more;
        this.info = info;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** {@code admission} is the service's one limit of work in progress, which every tool call runs under. */
    public static McpDoors create(CamelContext context, Settings settings, Path startDir, FlowCatalog everyFlow,
                                  long maxImageBytes, Admission admission, DarkroomMetrics metrics, int workers) {
        // An assistant is offered what it can use: no vision tools without a model, no pointing with a bundle that
        // cannot point. The model is loaded once at start, so the list is fixed for the process's life.
        FlowCatalog catalog = new FlowCatalog(everyFlow.all().stream().filter(McpDoors::available).toList());
        List<Path> read = roots(settings, READ_ROOTS, startDir);
        List<Path> write = roots(settings, WRITE_ROOTS, startDir);
        LOG.info("MCP may read under {} and write under {}", read, write);
        long maxBytes = maxImageBytes;
        ToolCalls calls = new ToolCalls(context, admission, metrics);
        List<DarkroomTool> tools = McpTools.build(catalog, calls, new ToolSchemas(maxBytes),
                settings.positiveInt(BATCH_MAX_ITEMS), workers, !write.isEmpty());
        McpDoor door = new McpDoor(new ImageSources(PathRoots.reading(READ_ROOTS, read)),
                PathRoots.writing(WRITE_ROOTS, write));
        String version = Version.current();
        // The data argument arrives base64-encoded inside one JSON message: a third larger, plus the envelope.
        int maxMessageBytes = (int) Math.min(Integer.MAX_VALUE - 8L, (maxBytes + 2) / 3 * 4 + 64 * 1024);
        ResourcesAndPrompts more = ResourcesAndPrompts.create(catalog, read, write, maxBytes,
                settings.positiveInt(BATCH_MAX_ITEMS));
        return new McpDoors(door, calls, tools, more, new ServerInfo("darkroom", version, instructions(catalog)),
                maxMessageBytes);
    }

    /** The route steps of {@code direct:mcp-call}, bound as {@code mcpDoor}. */
    public McpDoor door() {
        return door;
    }

    /** The {@code /mcp} route step, bound as {@code mcpHttp}: a stateless server over the shared tools. */
    public StreamableHttpTransport streamableHttp(boolean apiKeysRequired) {
        StreamableHttpTransport transport = new StreamableHttpTransport(McpJsonDefaults.getMapper(), apiKeysRequired,
                more);
        McpServer.StatelessSyncSpecification server = McpServer.sync(transport);
        more.addTo(server);
        server.serverInfo(info.name(), info.version()).instructions(info.instructions())
                .capabilities(ResourcesAndPrompts.capabilities())
                .validateToolInputs(false)
                // The call already runs on a Vert.x worker thread of its own; no need to hop to another.
                .immediateExecution(true)
                .tools(tools.stream().map(tool -> new McpStatelessServerFeatures.SyncToolSpecification(
                        tool.definition(), (context, request) -> tool.handler().call(request.arguments(),
                        Progress.NONE))).toList())
                .build();
        return transport;
    }

    /**
     * Serves MCP over the process's stdin/stdout from the moment every route runs (the client's first message may
     * already be a tool call) until Camel has stopped (so calls in flight are still answered).
     *
     * @param streams the streams {@code Darkroom.create} claimed before Camel started
     */
    public void serveStdio(CamelContext context, StandardStreams streams) throws Exception {
        if (streams == null) {
            throw new IllegalStateException("MCP over stdio needs the standard streams claimed by Darkroom.create");
        }
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                stdio = StdioDoor.start(started, streams, tools, more, info, maxMessageBytes, calls::active);
            }
        });
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                if (stdio != null) {
                    stdio.stop();
                }
            }
        });
    }

    private static List<Path> roots(Settings settings, String key, Path startDir) {
        return settings.list(key).stream().map(root -> startDir.resolve(root).toAbsolutePath().normalize()).toList();
    }

    private static boolean available(FlowSpec flow) {
        try {
            flow.requireAvailable();
            return true;
        } catch (DarkroomException e) {
            LOG.info("MCP does not list {}: {}", flow.toolName(), e.code().code());
            return false;
        }
    }

    /** What the server tells an assistant at the start: every tool by name, from the catalog, and the rules. */
    static String instructions(FlowCatalog catalog) {
        String tools = catalog.all().stream()
                .map(flow -> flow.toolName() + ": " + flow.summary().replaceAll("\\.$", ""))
                .collect(Collectors.joining("; "));
        return "Darkroom processes images with ImageMagick under a strict security policy, and describes them with"
                + " the Moondream vision model when one is installed. Its tools: " + tools + "; and batch_process,"
                + " which runs one of them over many images. Give each image as exactly one of a file path (inside"
                + " the folders this server may read), an https URL, or base64 data. Image results come back inline,"
                + " or are written to output_path (inside the folders it may write). A failed call's text starts"
                + " with a stable code such as path_denied or bad_parameter, followed by what to do.";
    }
}
