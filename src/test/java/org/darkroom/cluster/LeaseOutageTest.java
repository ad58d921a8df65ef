package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.spi.IdempotentRepository;
import org.awaitility.Awaitility;
import org.darkroom.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running node: calls answer "not now" instead of throwing (files wait), readiness
 * says so, and everything works again once the database is back, without restarting the node.
 */
class LeaseOutageTest {
    private final Postgres postgres = Postgres.get();
    private final Postgres.Database database = postgres.newDatabase("outage");

    @AfterEach
    void reopenDatabase() {
        postgres.asSuperuser("postgres", "ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
    }

    @Test
    void while_the_database_refuses_connections_files_wait_and_afterwards_they_are_taken_again() {
        try (CapturedErr log = new CapturedErr(); LeaseStore store = Leases.open(database, "node-a")) {
            IdempotentRepository inbox = store.repository("thumbnail");
            assertThat(inbox.add("before.png")).isTrue();
            assertThat(store.reachable()).isTrue();

            postgres.asSuperuser("postgres", "ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name() + "'");

            assertThat(inbox.add("during.png")).as("a file found while the database is away waits").isFalse();
            assertThat(inbox.contains("during.png")).as("and counts as taken").isTrue();
            assertThat(inbox.remove("before.png")).isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !store.reachable());

            postgres.asSuperuser("postgres", "ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");

            assertThat(inbox.add("during.png")).as("taken on the next try").isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(store::reachable);
            assertThat(store.lastRoundTrip()).isPositive().isLessThan(Duration.ofSeconds(1));
            assertThat(log.text()).contains("does not answer").contains("answers again")
                    .doesNotContain(database.password());
        }
    }

    @Test
    void a_database_restart_costs_no_call_an_exception_and_held_leases_stay_held() throws Exception {
        try (LeaseStore a = Leases.open(database, "node-a"); LeaseStore b = Leases.open(database, "node-b")) {
            assertThat(a.repository("thumbnail").add("held.png")).isTrue();
            AtomicBoolean restarting = new AtomicBoolean(true);
            AtomicInteger calls = new AtomicInteger();
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                // Calls keep coming while the server goes down and up again; none may throw.
                Future<?> during = caller.submit(() -> {
                    while (restarting.get()) {
                        a.repository("thumbnail").add("during-" + calls.incrementAndGet() + ".png");
                    }
                    return null;
                });
                postgres.restart();
                restarting.set(false);
                during.get(30, TimeUnit.SECONDS);
            } finally {
                caller.shutdownNow();
            }
            assertThat(calls.get()).isPositive();

            // b was idle throughout: its connection broke unseen, and its first call must still work.
            assertThat(b.repository("thumbnail").add("after-b.png")).as("an idle node's first call after the restart")
                    .isTrue();
            assertThat(a.repository("thumbnail").add("after.png")).as("the first call after the restart").isTrue();
            Duration lease = Leases.LEASE;
            Awaitility.await().during(lease.plus(lease.dividedBy(2))).atMost(lease.multipliedBy(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !b.repository("thumbnail").add("held.png") && !b.repository("thumbnail").add("after.png"));
        }
    }

    @Test
    void a_database_down_for_longer_than_a_lease_ages_no_lease() {
        try (LeaseStore a = Leases.open(database, "node-a"); LeaseStore b = Leases.open(database, "node-b")) {
            assertThat(a.repository("thumbnail").add("held.png")).isTrue();

            postgres.restart(Leases.LEASE.multipliedBy(2));

            // a renews within a renewal period of the server's start; until then its lease counts from that start.
            Duration lease = Leases.LEASE;
            Awaitility.await().during(lease.plus(lease.dividedBy(2))).atMost(lease.multipliedBy(3))
                    .pollInterval(Duration.ofMillis(100)).until(() -> !b.repository("thumbnail").add("held.png"));
            assertThat(b.takeovers()).isZero();
            assertThat(a.repository("thumbnail").confirm("held.png")).as("still a's").isTrue();
        }
    }

    @Test
    void a_node_cut_off_for_longer_than_a_lease_stops_vouching_for_it_before_another_can_take_it() {
        Postgres.Database role = postgres.colleagueOf(database, "b");
        try (LeaseStore a = Leases.open(database, "node-a");
             LeaseStore b = LeaseStore.open(Leases.settings(role, "node-b"))) {
            IdempotentRepository cutOff = b.repository("thumbnail");
            assertThat(cutOff.add("fox.png")).isTrue();

            postgres.cutOff(role);
            try {
                long cut = System.nanoTime();
                Awaitility.await().atMost(Leases.LEASE).pollInterval(Duration.ofMillis(20))
                        .until(() -> !cutOff.confirm("fox.png"));
                Duration vouchedFor = Duration.ofNanos(System.nanoTime() - cut);
                assertThat(a.repository("thumbnail").add("fox.png")).as("taken before its owner let go").isFalse();
                Awaitility.await().atMost(Leases.LEASE.multipliedBy(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> a.repository("thumbnail").add("fox.png"));
                Duration takenOver = Duration.ofNanos(System.nanoTime() - cut);
                System.out.printf("cut off: the owner vouched for %d ms, the other node took over after %d ms%n",
                        vouchedFor.toMillis(), takenOver.toMillis());
                assertThat(a.takeovers()).isOne();
            } finally {
                postgres.reconnect(role);
            }
            assertThat(cutOff.confirm("fox.png")).as("once back, the lease is the other node's").isFalse();
            assertThat(b.held()).isZero();
        }
    }
}
