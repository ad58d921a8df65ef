package org.darkroom.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.darkroom.flow.FlowCatalog;
import org.darkroom.flow.FlowSpec;

/**
 * What the MCP door offers besides tools, the same over both transports: the catalog and the image files in the
 * roots as resources (with a template for any file there), and the prompts.
 *
 * <p>The SDK lists only resources registered up front, all in one answer, so {@code resources/list} is answered
 * here, a page at a time from the files as they are now; each transport hands that one method to {@link #list}.
 * Reading, templates and prompts go through the SDK.
 */
final class ResourcesAndPrompts {
    static final String LIST = McpSchema.METHOD_RESOURCES_LIST;

    private final CatalogResource catalog;
    private final ImageResources images;
    private final List<DarkroomPrompt> prompts;

    private ResourcesAndPrompts(CatalogResource catalog, ImageResources images, List<DarkroomPrompt> prompts) {
        this.catalog = catalog;
        this.images = images;
        this.prompts = prompts;
    }

    /**
     * {@code catalog}: the flows offered as tools. A prompt is offered only where it can work: describing needs read
     * roots, web copies read and write roots and the resize flow.
     */
    static ResourcesAndPrompts create(FlowCatalog catalog, List<Path> read, List<Path> write, long maxBytes,
                                      int batchMaxItems) {
        List<DarkroomPrompt> prompts = new ArrayList<>();
        PromptImages named = new PromptImages(PathRoots.reading(McpDoors.READ_ROOTS, read),
                new ImageListing(read, maxBytes));
        Set<String> tools = catalog.all().stream().map(FlowSpec::toolName).collect(Collectors.toSet());
        if (!read.isEmpty()) {
            prompts.add(new DescribeImagesPrompt(named, tools, batchMaxItems));
        }
        catalog.all().stream().filter(flow -> flow.name().equals("resize") && !read.isEmpty() && !write.isEmpty())
                .findFirst().ifPresent(resize -> prompts.add(new WebCopiesPrompt(resize, named,
                        PathRoots.writing(McpDoors.WRITE_ROOTS, write), batchMaxItems)));
        return new ResourcesAndPrompts(new CatalogResource(catalog, batchMaxItems),
                new ImageResources(read, write, maxBytes), List.copyOf(prompts));
    }

    static ServerCapabilities capabilities() {
        // Nothing to subscribe to and no change notices: a client lists again when it wants the files as they are.
        return ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).build();
    }

    /** {@code resources/list}: the answer to {@code request}, a page of resources or a coded error. */
    JSONRPCResponse list(JSONRPCRequest request) {
        try {
            String cursor = request.params() instanceof Map<?, ?> params && params.get("cursor") instanceof String given
                    ? given : null;
            return JSONRPCResponse.result(request.id(), McpErrors.guarded("resources/list", false,
                    () -> images.list(cursor, List.of(CatalogResource.definition()))));
        } catch (McpError e) {
            return JSONRPCResponse.error(request.id(), e.getJsonRpcError());
        }
    }

    /** Adds the resources and prompts to the stdio server. */
    void addTo(McpServer.SyncSpecification<?> server) {
        server.uriTemplateManagerFactory(new FileUriTemplates())
                .resources(new McpServerFeatures.SyncResourceSpecification(CatalogResource.definition(),
                        (exchange, request) -> catalog.read()))
                .resourceTemplates(new McpServerFeatures.SyncResourceTemplateSpecification(ImageResources.template(),
                        (exchange, request) -> read(request.uri())))
                .prompts(prompts.stream().map(prompt -> new McpServerFeatures.SyncPromptSpecification(
                        prompt.definition(), (exchange, request) -> get(prompt, request))).toList());
    }

    /** Adds the resources and prompts to the Streamable HTTP server. */
    void addTo(McpServer.StatelessSyncSpecification server) {
        server.uriTemplateManagerFactory(new FileUriTemplates())
                .resources(new McpStatelessServerFeatures.SyncResourceSpecification(CatalogResource.definition(),
                        (context, request) -> catalog.read()))
                .resourceTemplates(new McpStatelessServerFeatures.SyncResourceTemplateSpecification(
                        ImageResources.template(), (context, request) -> read(request.uri())))
                .prompts(prompts.stream().map(prompt -> new McpStatelessServerFeatures.SyncPromptSpecification(
                        prompt.definition(), (context, request) -> get(prompt, request))).toList());
    }

    private ReadResourceResult read(String uri) {
        return McpErrors.guarded("resources/read", true, () -> images.read(uri));
    }

    private static GetPromptResult get(DarkroomPrompt prompt, GetPromptRequest request) {
        Prompt definition = prompt.definition();
        return McpErrors.guarded("prompt " + definition.name(), false,
                () -> prompt.get(PromptArguments.check(definition, request.arguments())));
    }
}
