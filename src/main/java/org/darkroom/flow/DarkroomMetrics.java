package org.darkroom.flow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;

/**
 * Darkroom's own meters, published with Camel's at {@code /observe/metrics}: jobs per door, flow and outcome
 * code, their latency, work in flight, time spent inside ImageMagick, and the vision model's work.
 *
 * <p>The meter registry is Camel's (camel-micrometer-prometheus creates it during start-up), so it is looked up
 * on first use rather than when this bean is built.
 */
public final class DarkroomMetrics {
    private final CamelContext context;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    public DarkroomMetrics(CamelContext context) {
        this.context = context;
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
                .tags("door", door, "flow", flow).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(meters).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The in-flight counter of a door, registered as a gauge the first time it is asked for. */
    public AtomicInteger inFlight(String door) {
        return inFlight.computeIfAbsent(door, d -> {
            AtomicInteger count = new AtomicInteger();
            MeterRegistry meters = registry();
            if (meters != null) {
                meters.gauge("darkroom.in.flight", java.util.List.of(io.micrometer.core.instrument.Tag.of("door", d)),
                        count);
            }
            return count;
        });
    }

    /** Records the wall time of one ImageMagick process. */
    public void magick(long nanos) {
        MeterRegistry meters = registry();
        if (meters != null) {
            Timer.builder("darkroom.magick.duration").description("Wall time of ImageMagick processes")
                    .publishPercentileHistogram().register(meters).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Counts one look-up in the encoded-image cache. */
    public void visionCache(boolean hit) {
        MeterRegistry meters = registry();
        if (meters != null) {
            Counter.builder("darkroom.vision.cache").description("Encoded-image cache look-ups, by result")
                    .tags("result", hit ? "hit" : "miss").register(meters).increment();
        }
    }

    /** Records one answer of the vision model: how long it took and how many decoder steps it ran. */
    public void visionAnswer(String flow, int steps, long nanos) {
        MeterRegistry meters = registry();
        if (meters != null) {
            Counter.builder("darkroom.vision.decoder.steps").description("Text decoder calls, by flow")
                    .tags("flow", flow).register(meters).increment(steps);
            Timer.builder("darkroom.vision.answer.duration")
                    .description("Time the vision model took to answer, image prefill included, by flow")
                    .tags("flow", flow).publishPercentileHistogram().register(meters)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private MeterRegistry registry() {
        if (registry == null) {
            registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        return registry;
    }
}
