package org.darkroom.cluster;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a cluster node: down while the cluster database does not answer. The drop folders then take no new
 * files (a lease cannot be taken, so a file is left where it is, neither failed nor lost) and resume once it
 * answers again; HTTP and MCP need no database and keep serving.
 */
public final class ClusterHealth extends AbstractHealthCheck {
    private final LeaseStore leases;

    public ClusterHealth(LeaseStore leases) {
        super("darkroom", "cluster-database");
        this.leases = leases;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (leases.reachable()) {
            builder.up();
        } else {
            builder.message("the cluster database does not answer").down();
        }
    }
}
