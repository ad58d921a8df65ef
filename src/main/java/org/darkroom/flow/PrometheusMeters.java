package org.darkroom.flow;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * The Prometheus registry behind {@code /observe/metrics}, made by Darkroom so that every meter in it, Camel's
 * included, reads as Prometheus tools expect: label names in snake_case (Camel tags {@code routeId},
 * {@code camelContext}), help text on every series, and {@code darkroom_build_info{version=…}}. camel-micrometer-
 * prometheus takes a registry bound under {@link #BEAN} instead of making its own, and loads its binders (JVM and
 * process meters, {@code camel.metrics.binders}) onto it.
 */
public final class PrometheusMeters {
    /** The name camel-micrometer looks its registry up by. */
    public static final String BEAN = "metricsRegistry";
    /**
     * Latency buckets for jobs and processes: from a small thumbnail (tens of milliseconds) to the longest a job may
     * run; a dozen, where a percentile histogram would publish about 70 per series.
     */
    public static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(120)};

    private PrometheusMeters() {
    }

    public static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                Tags tags = Tags.empty();
                for (Tag tag : id.getTags()) {
                    tags = tags.and(snakeCase(tag.getKey()), tag.getValue());
                }
                String description = id.getDescription() == null || id.getDescription().isBlank()
                        ? "Camel's " + id.getName() + " meter" : id.getDescription();
                return new Meter.Id(id.getName(), tags, id.getBaseUnit(), description, id.getType());
            }
        });
        Gauge.builder("darkroom.build.info", () -> 1).description("Darkroom's version, in its label; always 1")
                .tag("version", Version.current()).register(registry);
        return registry;
    }

    static String snakeCase(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
