package org.darkroom.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.camel.Exchange;
import org.darkroom.door.Door;
import org.darkroom.door.FlowCall;
import org.darkroom.door.FlowRequest;
import org.darkroom.door.JobExchange;
import org.darkroom.door.RequestId;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;

/**
 * The MCP door's route steps ({@code routes/mcp.camel.yaml}): read a tool call into a flow request, and render the
 * flow's result or error as a {@link ToolOutcome}; {@link FlowCall} does everything in between, as for every door.
 * It holds no image logic.
 *
 * <p>Reading checks the shape of the arguments, the output path, and where the image comes from (a path inside the
 * read roots, a URL, or data).
 */
public final class McpDoor {
    private static final String OUTPUT = "darkroom.mcpOutput";

    private final ImageSources sources;
    private final PathRoots writeRoots;

    McpDoor(ImageSources sources, PathRoots writeRoots) {
        this.sources = sources;
        this.writeRoots = writeRoots;
    }

    /** Route step: the flow, its parameters, the output target and the image source, for {@link FlowCall#admit}. */
    public void read(Exchange exchange) {
        JobExchange.begin(exchange, Door.MCP, RequestId.create(), System.nanoTime());
        ToolCall call = exchange.getMessage().getBody(ToolCall.class);
        FlowSpec flow = call.flow();
        exchange.setProperty(FlowExchange.FLOW, flow.name());
        ToolRequest request = ToolRequest.of(flow, call.arguments());
        Map<String, Object> raw = request.outputPath() == null ? request.params()
                : OutputFile.withFormatFromName(flow, request.params(), request.outputPath());
        if (request.outputPath() != null) {
            exchange.setProperty(OUTPUT, OutputFile.check(request.outputPath(), writeRoots));
        }
        FlowRequest read = FlowRequest.of(flow.name(), raw, sources.read(request.source()));
        JobExchange.request(exchange, call.admitted() == null ? read : read.admittedUnder(call.admitted()));
    }

    /** Route step: the image written to {@code output_path} or carried inline, or the JSON result, with its record. */
    public ToolOutcome respond(Exchange exchange) {
        FlowResult result = exchange.getMessage().getBody(FlowResult.class);
        String flow = JobExchange.flow(exchange);
        String id = JobExchange.requestId(exchange);
        Map<String, Object> record = JobExchange.record(exchange);
        OutputFile output = exchange.getProperty(OUTPUT, OutputFile.class);
        if (result.hasImage() && output != null) {
            output.requireMatches(result.imageMimeType());
            output.write(result.image());
            return new ToolOutcome(flow, id, record, null, result.imageMimeType(), output.given(), null);
        }
        if (result.hasImage()) {
            return new ToolOutcome(flow, id, record, bytes(result), result.imageMimeType(), null, null);
        }
        return new ToolOutcome(flow, id, record, null, null, null, null);
    }

    /** Error step, after {@link FlowCall#failed}: the coded error as an outcome. */
    public ToolOutcome fail(Exchange exchange) {
        return ToolOutcome.failure(exchange.getProperty(FlowExchange.FLOW, "-", String.class),
                JobExchange.requestId(exchange), FlowCall.failure(exchange));
    }

    private static byte[] bytes(FlowResult result) {
        try {
            return Files.readAllBytes(result.image());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
