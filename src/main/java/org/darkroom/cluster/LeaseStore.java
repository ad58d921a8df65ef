package org.darkroom.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's leases in the cluster database, one per file being worked on, shared by every inbox: taken in one
 * atomic statement, renewed in the background while held, released only by their owner, timed by the database's
 * clock alone. A lease a dead node stops renewing is taken over by another node once it is older than the lease.
 *
 * <p>One per process. When the database does not answer, acquiring answers {@code false} (the file waits) rather
 * than throwing, and the connection is reopened on the next call.
 */
public final class LeaseStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseStore.class);
    /**
     * Inserts the lease, or takes over one that expired; answers a row only when the lease is now ours, with the
     * previous owner (null for a new lease). One statement, so no other node can act between check and write.
     */
    private static final String ACQUIRE = "WITH previous AS (SELECT owner FROM darkroom_lease WHERE processor = ? "
            + "AND key = ?) INSERT INTO darkroom_lease AS lease (processor, key, owner, renewed) "
            + "VALUES (?, ?, ?, now()) ON CONFLICT (processor, key) DO UPDATE SET owner = EXCLUDED.owner, "
            + "renewed = now() WHERE lease.renewed < now() - ? * interval '1 millisecond' "
            + "RETURNING (SELECT owner FROM previous)";
    private static final String LIVE = "SELECT 1 FROM darkroom_lease WHERE processor = ? AND key = ? "
            + "AND renewed >= now() - ? * interval '1 millisecond'";
    private static final String RELEASE = "DELETE FROM darkroom_lease WHERE processor = ? AND key = ? AND owner = ?";
    private static final String RELEASE_PROCESSOR = "DELETE FROM darkroom_lease WHERE processor = ? AND owner = ?";
    private static final String RELEASE_ALL = "DELETE FROM darkroom_lease WHERE owner = ?";
    private static final String RENEW = "UPDATE darkroom_lease SET renewed = now() WHERE owner = ? "
            + "AND (processor, key) IN (SELECT * FROM unnest(?::text[], ?::text[])) RETURNING processor, key";
    private static final Duration PROBE_CACHE = Duration.ofSeconds(1);

    private final ClusterSettings settings;
    private final String owner;
    private final Availability availability;
    /** For the inboxes' calls. */
    private final Link calls;
    /** For renewal and readiness probes, so neither waits behind a slow inbox call. */
    private final Link background;
    private final Set<Lease> held = ConcurrentHashMap.newKeySet();
    private final AtomicLong takeovers = new AtomicLong();
    private final ScheduledExecutorService renewal;
    private long probedAt;
    private boolean probeAnswered;

    private record Lease(String processor, String key) {
    }

    private LeaseStore(ClusterSettings settings, ClusterDatabase database, Connection opened) {
        this.settings = settings;
        // Random per process, so a restarted node never mistakes its previous life's leases for its own.
        this.owner = settings.node() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.availability = new Availability(database.address());
        this.calls = new Link(database, availability, opened);
        this.background = new Link(database, availability, null);
        this.renewal = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "darkroom-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.renewal().toMillis();
        renewal.scheduleAtFixedRate(this::renewHeld, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects, creates the lease table when absent and starts renewing.
     *
     * @throws ClusterRefusal when the database is unreachable, refuses the credentials, or the table cannot be made
     */
    public static LeaseStore open(ClusterSettings settings) {
        ClusterDatabase database = new ClusterDatabase(settings);
        Connection connection;
        try {
            connection = database.connect();
        } catch (SQLException e) {
            throw database.refusal(e);
        }
        try {
            LeaseSchema.prepare(connection, database, settings.username());
        } catch (ClusterRefusal refusal) {
            closeQuietly(connection);
            throw refusal;
        }
        return new LeaseStore(settings, database, connection);
    }

    /** The read lock's repository for one inbox: its keys (file names) are leased apart from other inboxes'. */
    public IdempotentRepository repository(String processor) {
        return new LeaseRepository(this, processor);
    }

    /** This process's owner id in the lease table: the node name and a random suffix. */
    public String owner() {
        return owner;
    }

    /** Leases this process holds now. */
    public int held() {
        return held.size();
    }

    /** Leases this process acquired by replacing another owner's expired one: files a dead node left behind. */
    public long takeovers() {
        return takeovers.get();
    }

    /** How long the last statement took to be answered; zero before the first. */
    public Duration lastRoundTrip() {
        return Duration.ofNanos(availability.lastRoundTripNanos());
    }

    /** Whether the database answers a trivial query within a second; asked at most once a second. */
    public synchronized boolean reachable() {
        long now = System.nanoTime();
        if (probedAt == 0 || now - probedAt >= PROBE_CACHE.toNanos()) {
            probeAnswered = probe();
            probedAt = now;
        }
        return probeAnswered;
    }

    private boolean probe() {
        try {
            return background.call(connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT 1")) {
                    select.setQueryTimeout(1);
                    try (ResultSet answer = select.executeQuery()) {
                        return answer.next();
                    }
                }
            });
        } catch (SQLException e) {
            return false;
        }
    }

    boolean acquire(String processor, String key) {
        try {
            return calls.call(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(ACQUIRE)) {
                    insert.setString(1, processor);
                    insert.setString(2, key);
                    insert.setString(3, processor);
                    insert.setString(4, key);
                    insert.setString(5, owner);
                    insert.setLong(6, settings.lease().toMillis());
                    try (ResultSet acquired = insert.executeQuery()) {
                        if (!acquired.next()) {
                            return false;
                        }
                        String previous = acquired.getString(1);
                        held.add(new Lease(processor, key));
                        if (previous != null && !previous.equals(owner)) {
                            takeovers.incrementAndGet();
                            LOG.info("Took over the lease of {}/{} from {}, which stopped renewing it.", processor,
                                    key, previous);
                        }
                        return true;
                    }
                }
            });
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether anyone holds a live lease on the key; when the database does not answer, yes: the file waits. */
    boolean isLeased(String processor, String key) {
        try {
            return calls.call(connection -> {
                try (PreparedStatement select = connection.prepareStatement(LIVE)) {
                    select.setString(1, processor);
                    select.setString(2, key);
                    select.setLong(3, settings.lease().toMillis());
                    try (ResultSet live = select.executeQuery()) {
                        return live.next();
                    }
                }
            });
        } catch (SQLException e) {
            return true;
        }
    }

    /** Ends this process's lease on the key; another owner's lease is left alone. */
    boolean release(String processor, String key) {
        // Forgotten first: a lease whose delete fails is no longer renewed and expires by itself.
        held.remove(new Lease(processor, key));
        return update(RELEASE, processor, key, owner) > 0;
    }

    /** Renews this process's lease on the key now; false when it is not ours (any more). */
    boolean renew(String processor, String key) {
        if (!held.contains(new Lease(processor, key))) {
            return false;
        }
        Set<Lease> renewed = renew(List.of(new Lease(processor, key)));
        return renewed != null && !renewed.isEmpty();
    }

    /** Ends all of this process's leases of one inbox. */
    void releaseAll(String processor) {
        held.removeIf(lease -> lease.processor().equals(processor));
        update(RELEASE_PROCESSOR, processor, owner);
    }

    private void renewHeld() {
        List<Lease> leases = List.copyOf(held);
        if (leases.isEmpty()) {
            return;
        }
        Set<Lease> renewed = renew(leases);
        if (renewed == null) {
            return;
        }
        // Released while the renewal ran is not lost; only what is still held but was not renewed is.
        List<Lease> lost = leases.stream().filter(lease -> !renewed.contains(lease) && held.remove(lease)).toList();
        if (!lost.isEmpty()) {
            LOG.warn("{} leases were another node's when renewed (the database did not answer for longer than a "
                    + "lease), so their files may be worked on twice; the first: {}/{}.", lost.size(),
                    lost.get(0).processor(), lost.get(0).key());
        }
    }

    /** Renews the given leases of this process: those renewed, or null when the database did not answer. */
    private Set<Lease> renew(List<Lease> leases) {
        try {
            return background.call(connection -> {
                try (PreparedStatement update = connection.prepareStatement(RENEW)) {
                    Array processors = connection.createArrayOf("text",
                            leases.stream().map(Lease::processor).toArray());
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
        } catch (SQLException e) {
            return null;
        }
    }

    /** Runs a statement with text parameters on the inboxes' link; -1 when the database did not answer. */
    private int update(String sql, String... parameters) {
        try {
            return calls.call(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < parameters.length; i++) {
                        statement.setString(i + 1, parameters[i]);
                    }
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Stops renewing and hands back every lease still held, so other nodes need not wait for them to expire. */
    @Override
    public void close() {
        renewal.shutdownNow();
        held.clear();
        update(RELEASE_ALL, owner);
        calls.close();
        background.close();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the start is refused anyway
        }
    }
}
