package org.darkroom.cluster;

import java.time.Duration;
import org.darkroom.testing.Postgres;

/** Cluster settings and stores on a test database: short leases, so take-overs happen within a test. */
final class Leases {
    /** Long enough that a loaded 2-core machine renews in time, short enough for a test to outlive a few. */
    static final Duration LEASE = Duration.ofMillis(2000);

    private Leases() {
    }

    static ClusterSettings settings(Postgres.Database database, String node) {
        return new ClusterSettings(database.url(), database.user(), database.password(), LEASE, node);
    }

    static LeaseStore open(Postgres.Database database, String node) {
        return LeaseStore.open(settings(database, node));
    }
}
