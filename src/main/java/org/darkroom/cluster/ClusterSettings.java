package org.darkroom.cluster;

import java.time.Duration;
import java.util.Optional;
import org.darkroom.config.NodeName;
import org.darkroom.config.Settings;

/**
 * Cluster mode's settings ({@code darkroom.cluster.*} and {@code darkroom.node}): present only when
 * {@code darkroom.cluster.jdbc-url} is set, so one instance without a database stays the default.
 *
 * @param jdbcUrl  the PostgreSQL database holding the leases
 * @param username who Darkroom signs in as; empty = the driver's default (the URL's {@code user}, else the OS user)
 * @param password its password; never part of {@link #toString()}, a log line or an error
 * @param lease    how long a lease lives without renewal: a dead node's files are taken over after it
 * @param node     this process's name in records and log lines
 */
public record ClusterSettings(String jdbcUrl, String username, String password, Duration lease, String node) {
    static final String JDBC_URL = "darkroom.cluster.jdbc-url";
    static final String USERNAME = "darkroom.cluster.username";
    static final String PASSWORD = "darkroom.cluster.password";
    static final String LEASE_MS = "darkroom.cluster.lease-ms";
    /** Below this a GC pause or a slow statement could cost a live node its leases. */
    private static final long MIN_LEASE_MS = 1000;

    /** The cluster settings, or empty when no database is configured (one instance, the default). */
    public static Optional<ClusterSettings> read(Settings settings) {
        Optional<String> url = settings.text(JDBC_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        // The URL is never echoed: it may carry a password in its query.
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw Settings.invalid(JDBC_URL, "must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://db.example:5432/darkroom");
        }
        long leaseMs = settings.positiveLong(LEASE_MS);
        if (leaseMs < MIN_LEASE_MS) {
            throw Settings.invalid(LEASE_MS, "must be at least " + MIN_LEASE_MS + ", not " + leaseMs);
        }
        return Optional.of(new ClusterSettings(url.get(), settings.text(USERNAME).orElse(""),
                settings.text(PASSWORD).orElse(""), Duration.ofMillis(leaseMs), NodeName.read(settings)));
    }

    /** The database as it may be shown: host, port and name, no credentials. */
    public String database() {
        return DatabaseAddress.of(jdbcUrl);
    }

    /** How often a node renews the leases it holds: five times per lease, so one late renewal costs nothing. */
    public Duration renewal() {
        return lease.dividedBy(5);
    }

    @Override
    public String toString() {
        return "ClusterSettings[database=" + DatabaseAddress.of(jdbcUrl) + ", username=" + username
                + ", password=" + (password.isEmpty() ? "(none)" : "(hidden)") + ", lease=" + lease.toMillis()
                + " ms, node=" + node + "]";
    }
}
