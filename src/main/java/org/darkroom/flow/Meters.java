package org.darkroom.flow;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * Camel's meter registry, where every package's meters are published at {@code /observe/metrics}.
 *
 * <p>camel-micrometer-prometheus creates the registry during start-up, after the beans are built, so it is looked
 * up on first use; before that (and with metrics off) there is none and nothing is recorded.
 */
public final class Meters {
    private final CamelContext context;
    private volatile MeterRegistry registry;

    public Meters(CamelContext context) {
        this.context = context;
    }

    public Optional<MeterRegistry> registry() {
        if (registry == null) {
            registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        return Optional.ofNullable(registry);
    }
}
