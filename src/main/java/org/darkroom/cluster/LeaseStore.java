package org.darkroom.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.spi.IdempotentRepository;
import org.darkroom.cluster.LeaseTable.Acquired;
import org.darkroom.cluster.LeaseTable.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's leases in the cluster database, one per file being worked on, shared by every inbox: taken in one
 * atomic statement, renewed in the background while held, released only by their owner, timed by the database's
 * clock alone. A lease a dead node stops renewing is taken over by another node once it is older than the lease.
 *
 * <p>One per process. When the database does not answer, acquiring answers {@code false} (the file waits) rather
 * than throwing, and the connection is reopened on the next call.
 *
 * <p>A node vouches for a lease by its own clock only for a lease minus one renewal period after it sent the
 * statement that last took or renewed it ({@link #owns}): the database's row is at least that fresh, so no other
 * node can have taken it over. Past that, say while the database does not answer, only a renewal the database
 * accepts proves the lease is still this node's; a job that cannot prove it commits nothing ({@code inbox}).
 */
public final class LeaseStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseStore.class);
    private static final Duration PROBE_CACHE = Duration.ofSeconds(1);

    private final String owner;
    private final LeaseTable table;
    private final Availability availability;
    /** For the inboxes' calls. */
    private final Link calls;
    /** For renewal and readiness probes, so neither waits behind a slow inbox call. */
    private final Link background;
    /** Each held lease, with the {@link System#nanoTime} at which the statement that last took or renewed it left. */
    private final Map<Lease, Long> held = new ConcurrentHashMap<>();
    /** How long after that a lease is certainly still ours: a lease minus one renewal period, for slow answers. */
    private final long vouchedNanos;
    private final AtomicLong takeovers = new AtomicLong();
    private final ScheduledExecutorService renewal;
    private long probedAt;
    private boolean probeAnswered;

    private LeaseStore(ClusterSettings settings, ClusterDatabase database, Connection opened) {
        // Random per process, so a restarted node never mistakes its previous life's leases for its own.
        this.owner = settings.node() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.table = new LeaseTable(owner, settings.lease());
        this.vouchedNanos = settings.lease().minus(settings.renewal()).toNanos();
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
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the start is refused anyway
            }
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
            try {
                probeAnswered = LeaseTable.probe(background);
            } catch (SQLException e) {
                probeAnswered = false;
            }
            probedAt = now;
        }
        return probeAnswered;
    }

    boolean acquire(String processor, String key) {
        Lease lease = new Lease(processor, key);
        long sent = System.nanoTime();
        Optional<Acquired> acquired;
        try {
            acquired = table.acquire(calls, lease);
        } catch (SQLException e) {
            return false;
        }
        acquired.ifPresent(taken -> {
            held.put(lease, sent);
            taken.previousOwner().filter(previous -> !previous.equals(owner)).ifPresent(previous -> {
                takeovers.incrementAndGet();
                LOG.info("Took over the lease of {}/{} from {}, which stopped renewing it.", processor, key, previous);
            });
        });
        return acquired.isPresent();
    }

    /** Whether anyone holds a live lease on the key; when the database does not answer, yes: the file waits. */
    boolean isLeased(String processor, String key) {
        try {
            return table.live(calls, new Lease(processor, key));
        } catch (SQLException e) {
            return true;
        }
    }

    /** Ends this process's lease on the key; another owner's lease is left alone. */
    boolean release(String processor, String key) {
        Lease lease = new Lease(processor, key);
        // Forgotten first: a lease whose delete fails is no longer renewed and expires by itself.
        held.remove(lease);
        try {
            return table.release(calls, lease);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Whether the lease on the key is certainly still this process's, so that what it does with the file now cannot
     * clash with another node: yes while the last renewal is recent enough to vouch for it, else only if the
     * database renews it now. No when the database does not answer: the lease may have run out meanwhile.
     */
    boolean owns(String processor, String key) {
        Lease lease = new Lease(processor, key);
        Long confirmed = held.get(lease);
        if (confirmed == null) {
            return false;
        }
        return System.nanoTime() - confirmed < vouchedNanos || renew(lease);
    }

    /** Renews this process's lease on the key now; false when it is not ours (any more) or the database is away. */
    private boolean renew(Lease lease) {
        long sent = System.nanoTime();
        try {
            if (table.renew(calls, List.of(lease)).contains(lease)) {
                confirmed(lease, sent);
                return true;
            }
            held.remove(lease);
            return false;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Records a renewal sent at {@code sent}, unless the lease was let go meanwhile or renewed later already. */
    private void confirmed(Lease lease, long sent) {
        held.computeIfPresent(lease, (renewed, before) -> sent - before > 0 ? sent : before);
    }

    /** Ends all of this process's leases of one inbox. */
    void releaseAll(String processor) {
        held.keySet().removeIf(lease -> lease.processor().equals(processor));
        try {
            table.releaseProcessor(calls, processor);
        } catch (SQLException e) {
            // not renewed any more: they expire by themselves
        }
    }

    private void renewHeld() {
        List<Lease> leases = List.copyOf(held.keySet());
        if (leases.isEmpty()) {
            return;
        }
        long sent = System.nanoTime();
        Set<Lease> renewed;
        try {
            renewed = table.renew(background, leases);
        } catch (SQLException | RuntimeException e) {
            // Logged by Availability; a scheduled task that throws would never run again.
            return;
        }
        // Released while the renewal ran is not lost, nor brought back; only what is still held but was not renewed is.
        renewed.forEach(lease -> confirmed(lease, sent));
        List<Lease> lost = leases.stream().filter(lease -> !renewed.contains(lease) && held.remove(lease) != null)
                .toList();
        if (!lost.isEmpty()) {
            LOG.warn("{} leases were another node's when renewed (the database did not answer for longer than a "
                    + "lease), so their files may be worked on twice; the first: {}/{}.", lost.size(),
                    lost.get(0).processor(), lost.get(0).key());
        }
    }

    /** Stops renewing and hands back every lease still held, so other nodes need not wait for them to expire. */
    @Override
    public void close() {
        renewal.shutdownNow();
        held.clear();
        try {
            table.releaseAll(calls);
        } catch (SQLException e) {
            // not renewed any more: they expire by themselves
        }
        calls.close();
        background.close();
    }
}
