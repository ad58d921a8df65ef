package org.darkroom.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import java.util.concurrent.TimeUnit;
import org.darkroom.flow.Meters;

/** A cluster node's meters: the leases it holds, the files it took over from dead nodes, the database's answer time. */
public final class ClusterMeters {
    private ClusterMeters() {
    }

    /** Publishes the meters; call once Camel's meter registry exists (after start-up). */
    public static void publish(Meters meters, LeaseStore leases) {
        meters.registry().ifPresent(registry -> {
            Gauge.builder("darkroom.cluster.leases.held", leases, LeaseStore::held)
                    .description("Files this node holds a lease on (is working on)").register(registry);
            FunctionCounter.builder("darkroom.cluster.takeovers", leases, LeaseStore::takeovers)
                    .description("Leases taken over from a node that stopped renewing them (a dead node's files)")
                    .register(registry);
            TimeGauge.builder("darkroom.cluster.database.round.trip", leases, TimeUnit.NANOSECONDS,
                            store -> store.lastRoundTrip().toNanos())
                    .description("How long the cluster database took to answer the last statement").register(registry);
        });
    }
}
