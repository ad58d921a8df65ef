package org.darkroom.mcp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.FlowSpec;

/**
 * Sends a tool call through {@code direct:mcp-call}, the one route both MCP transports share, and returns its
 * outcome; the route's error handling turns every failure into a coded outcome, so this never throws.
 */
final class ToolCalls {
    static final String ENDPOINT = "direct:mcp-call";
    private final ProducerTemplate template;
    private final DarkroomMetrics metrics;
    private final AtomicInteger active = new AtomicInteger();

    ToolCalls(CamelContext context, DarkroomMetrics metrics) {
        this.template = context.createProducerTemplate();
        this.metrics = metrics;
    }

    ToolOutcome call(FlowSpec flow, Map<String, Object> arguments) {
        // Looked up per call: the gauge can only register once Camel's meter registry exists, after start-up.
        AtomicInteger inFlight = metrics.inFlight("mcp");
        inFlight.incrementAndGet();
        active.incrementAndGet();
        try {
            Exchange done = template.send(ENDPOINT, exchange -> exchange.getMessage()
                    .setBody(new ToolCall(flow, arguments)));
            ToolOutcome outcome = done.getMessage().getBody(ToolOutcome.class);
            // Only a failure outside the route (it could not even start) arrives without an outcome.
            return outcome != null ? outcome : ToolOutcome.failure(flow.name(), DarkroomException.unwrap(done.getException()));
        } finally {
            active.decrementAndGet();
            inFlight.decrementAndGet();
        }
    }

    /** Tool calls running right now, over any transport. */
    int active() {
        return active.get();
    }
}
