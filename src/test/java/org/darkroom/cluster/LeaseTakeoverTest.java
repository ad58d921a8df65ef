package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.spi.IdempotentRepository;
import org.awaitility.Awaitility;
import org.darkroom.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node killed with SIGKILL while it holds leases: another node takes its files over once the leases expire. */
class LeaseTakeoverTest {
    private static final List<String> FILES = List.of("a.png", "b.png", "c.png");

    private final Postgres.Database database = Postgres.get().newDatabase("takeover");
    private Process holder;

    @AfterEach
    void killHolder() throws InterruptedException {
        if (holder != null && holder.isAlive()) {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void the_files_of_a_killed_node_are_taken_over_one_lease_after_its_last_renewal() throws Exception {
        holder = startHolder();
        Duration lease = Leases.LEASE;
        Duration renewal = lease.dividedBy(5);
        try (LeaseStore survivor = Leases.open(database, "survivor")) {
            IdempotentRepository inbox = survivor.repository("thumbnail");
            // The holder renews: alive, its leases outlast their lease time.
            Awaitility.await().during(lease.plus(renewal)).atMost(lease.multipliedBy(3))
                    .pollInterval(Duration.ofMillis(100)).until(() -> !inbox.add(FILES.get(0)));

            holder.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            long lastRenewal = renewedAtMillis(FILES.get(0));
            Awaitility.await().atMost(lease.multipliedBy(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> inbox.add(FILES.get(0)));
            Duration afterKill = Duration.ofNanos(System.nanoTime() - killed);
            Duration afterLastRenewal = Duration.ofMillis(renewedAtMillis(FILES.get(0)) - lastRenewal);
            System.out.printf("take-over: %d ms after kill -9, %d ms after the last renewal (lease %d ms)%n",
                    afterKill.toMillis(), afterLastRenewal.toMillis(), lease.toMillis());

            // The database's clock: never before the lease ran out, and soon after.
            assertThat(afterLastRenewal).isBetween(lease, lease.plus(renewal.multipliedBy(2)));
            // The killed node last renewed up to one renewal period before it died.
            assertThat(afterKill).isBetween(lease.minus(renewal), lease.plus(renewal.multipliedBy(2)));
            for (String file : FILES.subList(1, FILES.size())) {
                assertThat(inbox.add(file)).as(file).isTrue();
            }
            assertThat(survivor.takeovers()).isEqualTo(FILES.size());
            assertThat(survivor.held()).isEqualTo(FILES.size());
        }
    }

    private Process startHolder() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), LeaseHolder.class.getName(),
                database.url(), database.user(), String.valueOf(Leases.LEASE.toMillis()), "thumbnail"));
        command.addAll(FILES);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DARKROOM_CLUSTER_PASSWORD", database.password());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the holder's first line").isEqualTo(LeaseHolder.READY + " " + FILES.size());
        assertThat(process.isAlive()).isTrue();
        return process;
    }

    /** When the lease on {@code file} was last taken or renewed, by the database's clock. */
    private long renewedAtMillis(String file) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement select = connection.prepareStatement(
                     "SELECT (extract(epoch FROM renewed) * 1000)::bigint FROM darkroom_lease WHERE key = ?")) {
            select.setString(1, file);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("a lease row for " + file).isTrue();
                return row.getLong(1);
            }
        }
    }
}
