package org.darkroom.mcp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.darkroom.door.Admission;
import org.darkroom.door.Door;
import org.darkroom.door.FlowCall;
import org.darkroom.door.JobLine;
import org.darkroom.door.RequestId;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.FlowSpec;

/**
 * Sends a tool call through {@code direct:mcp-call}, the one route both MCP transports share, and returns its
 * outcome; the route's error handling turns every failure into a coded outcome, so this never throws.
 */
final class ToolCalls {
    static final String ENDPOINT = "direct:mcp-call";
    private final ProducerTemplate template;
    private final Admission admission;
    private final DarkroomMetrics metrics;
    private final AtomicInteger active = new AtomicInteger();

    ToolCalls(CamelContext context, Admission admission, DarkroomMetrics metrics) {
        this.template = context.createProducerTemplate();
        this.admission = admission;
        this.metrics = metrics;
    }

    /** One call, which takes its own place under the service's limit or is answered {@code busy}. */
    ToolOutcome call(FlowSpec flow, Map<String, Object> arguments) {
        return call(flow, arguments, null);
    }

    /** One call under a place the caller already holds (a batch's lane), or {@code null} to take its own. */
    ToolOutcome call(FlowSpec flow, Map<String, Object> arguments, Admission.Permit admitted) {
        active.incrementAndGet();
        try {
            Exchange done = template.send(ENDPOINT, exchange -> exchange.getMessage()
                    .setBody(new ToolCall(flow, arguments, admitted)));
            ToolOutcome outcome = done.getMessage().getBody(ToolOutcome.class);
            // Only a failure outside the route (it could not even start) arrives without an outcome.
            return outcome != null ? outcome : ToolOutcome.failure(flow.name(), DarkroomException.unwrap(done.getException()));
        } finally {
            active.decrementAndGet();
        }
    }

    /**
     * Accounts a call refused before any job started (a batch with no free place), like every job: one log line and
     * one count; returns the id it was given.
     */
    String refused(FlowSpec flow, DarkroomException error) {
        String id = RequestId.create();
        FlowCall.account(metrics, new JobLine(Door.MCP.label(), flow.name(), id, -1, 0, "failed", error.code().code(),
                null, error.detail()));
        return id;
    }

    /** The service's limit, which a batch takes its lanes from. */
    Admission admission() {
        return admission;
    }

    /** Tool calls running right now, over any transport. */
    int active() {
        return active.get();
    }
}
