package org.darkroom.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The statements on {@code darkroom_lease}, each one round trip, each timed by the database's {@code now()} alone so
 * that clock skew between machines moves nothing. Every method throws when the database does not answer.
 */
final class LeaseTable {
    /**
     * How old a lease is: since its last renewal, or since the server started if that was later. Nodes cannot renew
     * while the server is down, so a restart must not age their leases: after it, each gets a whole lease to renew
     * before another node may take its files over.
     */
    private static final String AGE = "now() - greatest(%s, pg_postmaster_start_time())";
    /**
     * Inserts the lease, or takes over one that expired; answers a row only when the lease is now ours, with the
     * previous owner (null for a new lease). One statement, so no other node can act between check and write.
     */
    private static final String ACQUIRE = "WITH previous AS (SELECT owner FROM darkroom_lease WHERE processor = ? "
            + "AND key = ?) INSERT INTO darkroom_lease AS lease (processor, key, owner, renewed) "
            + "VALUES (?, ?, ?, now()) ON CONFLICT (processor, key) DO UPDATE SET owner = EXCLUDED.owner, "
            + "renewed = now() WHERE " + AGE.formatted("lease.renewed") + " > ? * interval '1 millisecond' "
            + "RETURNING (SELECT owner FROM previous)";
    private static final String LIVE = "SELECT 1 FROM darkroom_lease WHERE processor = ? AND key = ? AND "
            + AGE.formatted("renewed") + " <= ? * interval '1 millisecond'";
    private static final String RELEASE = "DELETE FROM darkroom_lease WHERE processor = ? AND key = ? AND owner = ?";
    private static final String RELEASE_PROCESSOR = "DELETE FROM darkroom_lease WHERE processor = ? AND owner = ?";
    private static final String RELEASE_ALL = "DELETE FROM darkroom_lease WHERE owner = ?";
    private static final String RENEW = "UPDATE darkroom_lease SET renewed = now() WHERE owner = ? "
            + "AND (processor, key) IN (SELECT * FROM unnest(?::text[], ?::text[])) RETURNING processor, key";

    /** One inbox's file. */
    record Lease(String processor, String key) {
    }

    /** A lease just taken, and from whom: empty for a new lease, else the owner whose lease had expired. */
    record Acquired(Optional<String> previousOwner) {
    }

    private final String owner;
    private final long leaseMillis;

    LeaseTable(String owner, Duration lease) {
        this.owner = owner;
        this.leaseMillis = lease.toMillis();
    }

    /** The lease, if it is now ours. */
    Optional<Acquired> acquire(Link link, Lease lease) throws SQLException {
        return link.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(ACQUIRE)) {
                insert.setString(1, lease.processor());
                insert.setString(2, lease.key());
                insert.setString(3, lease.processor());
                insert.setString(4, lease.key());
                insert.setString(5, owner);
                insert.setLong(6, leaseMillis);
                try (ResultSet acquired = insert.executeQuery()) {
                    return acquired.next() ? Optional.of(new Acquired(Optional.ofNullable(acquired.getString(1))))
                            : Optional.empty();
                }
            }
        });
    }

    /** Whether anyone holds a live lease. */
    boolean live(Link link, Lease lease) throws SQLException {
        return link.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(LIVE)) {
                select.setString(1, lease.processor());
                select.setString(2, lease.key());
                select.setLong(3, leaseMillis);
                try (ResultSet live = select.executeQuery()) {
                    return live.next();
                }
            }
        });
    }

    /** Deletes our lease; another owner's is left alone. Whether there was one of ours. */
    boolean release(Link link, Lease lease) throws SQLException {
        return update(link, RELEASE, lease.processor(), lease.key(), owner) > 0;
    }

    void releaseProcessor(Link link, String processor) throws SQLException {
        update(link, RELEASE_PROCESSOR, processor, owner);
    }

    void releaseAll(Link link) throws SQLException {
        update(link, RELEASE_ALL, owner);
    }

    /** Renews those of the leases that are still ours; answers which. */
    Set<Lease> renew(Link link, List<Lease> leases) throws SQLException {
        return link.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement(RENEW)) {
                Array processors = connection.createArrayOf("text", leases.stream().map(Lease::processor).toArray());
                Array keys = connection.createArrayOf("text", leases.stream().map(Lease::key).toArray());
                update.setString(1, owner);
                update.setArray(2, processors);
                update.setArray(3, keys);
                Set<Lease> renewed = new HashSet<>();
                try (ResultSet rows = update.executeQuery()) {
                    while (rows.next()) {
                        renewed.add(new Lease(rows.getString(1), rows.getString(2)));
                    }
                }
                return renewed;
            }
        });
    }

    /** A trivial query that must be answered within a second. */
    static boolean probe(Link link) throws SQLException {
        return link.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1")) {
                select.setQueryTimeout(1);
                try (ResultSet answer = select.executeQuery()) {
                    return answer.next();
                }
            }
        });
    }

    private static int update(Link link, String sql, String... parameters) throws SQLException {
        return link.call(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setString(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }
}
