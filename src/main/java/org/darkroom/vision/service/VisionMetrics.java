package org.darkroom.vision.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.darkroom.flow.Meters;

/** The vision model's meters: encoded-image cache look-ups, decoder steps and answer time, by flow. */
public final class VisionMetrics {
    private final Meters meters;

    public VisionMetrics(CamelContext context) {
        this.meters = new Meters(context);
    }

    /** Counts one look-up in the encoded-image cache. */
    public void visionCache(boolean hit) {
        meters.registry().ifPresent(registry -> Counter.builder("darkroom.vision.cache")
                .description("Encoded-image cache look-ups, by result").tags("result", hit ? "hit" : "miss")
                .register(registry).increment());
    }

    /** Records one answer of the vision model: how long it took and how many decoder steps it ran. */
    public void visionAnswer(String flow, int steps, long nanos) {
        meters.registry().ifPresent(registry -> {
            Counter.builder("darkroom.vision.decoder.steps").description("Text decoder calls, by flow")
                    .tags("flow", flow).register(registry).increment(steps);
            Timer.builder("darkroom.vision.answer.duration")
                    .description("Time the vision model took to answer, image prefill included, by flow")
                    .tags("flow", flow).publishPercentileHistogram().register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
        });
    }
}
