package org.darkroom.magick;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.darkroom.flow.Meters;
import org.darkroom.flow.PrometheusMeters;

/** ImageMagick's meter: the wall time of each process ({@code darkroom_magick_duration_seconds}). */
public final class MagickMetrics {
    private final Meters meters;

    public MagickMetrics(CamelContext context) {
        this.meters = new Meters(context);
    }

    /** Records the wall time of one ImageMagick process. */
    public void magick(long nanos) {
        meters.registry().ifPresent(registry -> Timer.builder("darkroom.magick.duration")
                .description("Wall time of ImageMagick processes")
                .serviceLevelObjectives(PrometheusMeters.LATENCY_BUCKETS).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS));
    }
}
