package org.darkroom.flow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;

/**
 * The doors' meters, published with Camel's at {@code /observe/metrics}: jobs per door, flow and outcome code,
 * their latency, and work in flight. What happens inside a flow has its own meters in its package
 * ({@code MagickMetrics}, {@code VisionMetrics}), so this vocabulary names no floor above it.
 */
public final class DarkroomMetrics {
    private final Meters meters;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public DarkroomMetrics(CamelContext context) {
        this.meters = new Meters(context);
    }

    /** Counts one finished job and records its latency. */
    public void request(String door, String flow, String code, long nanos) {
        MeterRegistry meters = registry();
        if (meters == null) {
            return;
        }
        Counter.builder("darkroom.jobs").description("Jobs finished, by door, flow and outcome code")
                .tags("door", door, "flow", flow, "code", code).register(meters).increment();
        Timer.builder("darkroom.job.duration").description("Time from request to response, by door and flow")
                .tags("door", door, "flow", flow).serviceLevelObjectives(PrometheusMeters.LATENCY_BUCKETS)
                .register(meters).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The in-flight counter of a door, registered as a gauge the first time it is asked for. */
    public AtomicInteger inFlight(String door) {
        return inFlight.computeIfAbsent(door, d -> {
            AtomicInteger count = new AtomicInteger();
            MeterRegistry meters = registry();
            if (meters != null) {
                io.micrometer.core.instrument.Gauge.builder("darkroom.in.flight", count, AtomicInteger::get)
                        .description("Requests being worked on now, by door").tag("door", d).register(meters);
            }
            return count;
        });
    }

    private MeterRegistry registry() {
        return meters.registry().orElse(null);
    }
}
