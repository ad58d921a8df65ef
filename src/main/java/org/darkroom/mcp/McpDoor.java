package org.darkroom.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowExchange;
import org.darkroom.flow.FlowParameters;
import org.darkroom.flow.FlowResult;
import org.darkroom.flow.FlowSpec;
import org.darkroom.flow.LogText;
import org.darkroom.flow.OutputKind;
import org.darkroom.door.JobExchange;
import org.darkroom.door.JobRecord;
import org.darkroom.intake.WorkArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP door's route steps ({@code routes/mcp.camel.yaml}): adapt a tool call to a flow request, and render the
 * flow's result or error as a {@link ToolOutcome}; it holds no image logic.
 *
 * <p>Checks run cheapest first: readiness, the shape of the arguments, the flow's parameters, the output path,
 * then the input (a path inside the read roots, a fetched URL, or decoded data) through intake.
 */
public final class McpDoor {
    private static final String DOOR = "mcp";
    private static final String STARTED = "darkroom.mcpStarted";
    private static final String OUTPUT = "darkroom.mcpOutput";
    private static final String STRUCTURED = "darkroom.mcpStructured";
    private static final Logger LOG = LoggerFactory.getLogger(McpDoor.class);

    private final WorkArea workArea;
    private final ImageSources sources;
    private final PathRoots writeRoots;
    private final DarkroomMetrics metrics;
    private final BooleanSupplier ready;

    McpDoor(WorkArea workArea, ImageSources sources, PathRoots writeRoots, DarkroomMetrics metrics,
            BooleanSupplier ready) {
        this.workArea = workArea;
        this.sources = sources;
        this.writeRoots = writeRoots;
        this.metrics = metrics;
        this.ready = ready;
    }

    /** Route step: the flow, its parameters, the output target and the accepted input, handed to {@code run-flow}. */
    public void accept(Exchange exchange) {
        exchange.setProperty(STARTED, System.nanoTime());
        ToolCall call = exchange.getMessage().getBody(ToolCall.class);
        FlowSpec flow = call.flow();
        exchange.setProperty(FlowExchange.FLOW, flow.name());
        if (!ready.getAsBoolean()) {
            throw new DarkroomException(ErrorCode.NOT_READY);
        }
        flow.requireAvailable();
        exchange.setProperty(STRUCTURED, flow.output() == OutputKind.IMAGE_AND_JSON);
        ToolRequest request = ToolRequest.of(flow, call.arguments());
        Map<String, Object> raw = request.outputPath() == null ? request.params()
                : OutputFile.withFormatFromName(flow, request.params(), request.outputPath());
        FlowParameters params = flow.params().parse(raw);
        if (request.outputPath() != null) {
            exchange.setProperty(OUTPUT, OutputFile.check(request.outputPath(), writeRoots));
        }
        JobExchange.handOver(exchange, flow, params,
                sources.receive(request.source(), JobExchange.open(exchange, workArea)));
    }

    /** Route step: the image written to {@code output_path} or carried inline, or the JSON result, with its record. */
    public ToolOutcome respond(Exchange exchange) {
        FlowResult result = exchange.getMessage().getBody(FlowResult.class);
        String flow = exchange.getProperty(FlowExchange.FLOW, String.class);
        Map<String, Object> record = JobRecord.of(flow, exchange.getProperty(FlowExchange.PARAMS, FlowParameters.class),
                JobExchange.input(exchange), result, JobExchange.elapsedMillis(exchange));
        OutputFile output = exchange.getProperty(OUTPUT, OutputFile.class);
        boolean structured = exchange.getProperty(STRUCTURED, false, Boolean.class);
        ToolOutcome outcome;
        if (result.hasImage() && output != null) {
            output.requireMatches(result.imageMimeType());
            output.write(result.image());
            outcome = new ToolOutcome(flow, record, null, result.imageMimeType(), output.given(), null, structured);
        } else if (result.hasImage()) {
            outcome = new ToolOutcome(flow, record, bytes(result), result.imageMimeType(), null, null, structured);
        } else {
            outcome = new ToolOutcome(flow, record, null, null, null, null, false);
        }
        finish(exchange, null);
        return outcome;
    }

    /** Error step: the coded error as an outcome; the detail goes to the log only. */
    public ToolOutcome fail(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DarkroomException error = DarkroomException.unwrap(caught);
        if (error.code() == ErrorCode.INTERNAL) {
            LOG.error("MCP tool call failed unexpectedly", caught);
        }
        finish(exchange, error);
        return ToolOutcome.failure(exchange.getProperty(FlowExchange.FLOW, "-", String.class), error);
    }

    private void finish(Exchange exchange, DarkroomException error) {
        String flow = exchange.getProperty(FlowExchange.FLOW, "-", String.class);
        long nanos = System.nanoTime() - exchange.getProperty(STARTED, System.nanoTime(), Long.class);
        String code = error == null ? "ok" : error.code().code();
        metrics.request(DOOR, flow, code, nanos);
        if (error == null) {
            LOG.info("mcp flow={} ms={} outcome=done", flow, nanos / 1_000_000);
        } else {
            LOG.warn("mcp flow={} ms={} outcome=failed code={} detail={}", flow, nanos / 1_000_000, code,
                    LogText.of(error.detail()));
        }
    }

    private static byte[] bytes(FlowResult result) {
        try {
            return Files.readAllBytes(result.image());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
