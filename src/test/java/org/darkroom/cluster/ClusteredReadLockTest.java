package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.awaitility.Awaitility;
import org.darkroom.inbox.InboxProcessStrategy;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease store as camel-file's clustered read lock uses it (the options research/scale-out.md recommends for
 * 4.17.0), with the inboxes' process strategy: two Camel contexts with a store each, one folder, and every file is
 * taken by exactly one of them.
 */
class ClusteredReadLockTest {
    private static final int FILES = 40;

    @TempDir
    Path dir;

    @Test
    void two_nodes_on_one_folder_take_each_file_exactly_once() throws Exception {
        Postgres.Database database = Postgres.get().newDatabase("readlock");
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        // Made before the nodes start, as DataLayout makes every archive/ at start: left to camel-file, the two
        // nodes' first commits race to create it, the loser's mkdirs fails, its commit throws, and the file it had
        // already worked on stays behind to be taken again.
        Files.createDirectories(dir.resolve("archive"));
        Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
        List<CamelContext> nodes = new ArrayList<>();
        try (LeaseStore a = Leases.open(database, "node-a"); LeaseStore b = Leases.open(database, "node-b")) {
            for (LeaseStore store : List.of(a, b)) {
                nodes.add(node(store.repository("inbox"), inbox, taken));
            }
            for (int i = 0; i < FILES; i++) {
                Path staged = dir.resolve("staged-" + i);
                Files.writeString(staged, "file " + i);
                Files.move(staged, inbox.resolve("f" + i + ".txt"));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> DataDir.names(dir.resolve("archive")).size() == FILES);
            // The leases are handed back after the release delay; until then a second grab would be refused anyway.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.held() + b.held() == 0);
        } finally {
            for (CamelContext node : nodes) {
                node.stop();
            }
        }
        assertThat(taken).hasSize(FILES);
        assertThat(taken.values()).as("times each file was taken").allSatisfy(count -> assertThat(count.get()).isOne());
        assertThat(DataDir.names(inbox)).isEmpty();
    }

    /**
     * camel-file checks that a file exists before it takes the lease, not after: a node that listed a file just
     * before another node archived it could take the lease once the other let go, and work on a file that is gone.
     * Here the other node archives the file in exactly that moment.
     */
    @Test
    void a_file_archived_by_another_node_while_the_lease_is_taken_is_not_taken() throws Exception {
        Postgres.Database database = Postgres.get().newDatabase("vanished");
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
        AtomicInteger leasesTaken = new AtomicInteger();
        try (LeaseStore store = Leases.open(database, "node-a")) {
            IdempotentRepository leases = store.repository("inbox");
            IdempotentRepository archivedMeanwhile = new ForwardingRepository(leases) {
                @Override
                public boolean add(String key) {
                    try {
                        Path file = Path.of(key);
                        Files.move(file, archive.resolve(file.getFileName()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    leasesTaken.incrementAndGet();
                    return super.add(key);
                }
            };
            Files.writeString(dir.resolve("staged"), "an image");
            Files.move(dir.resolve("staged"), inbox.resolve("gone.png"));
            CamelContext node = node(archivedMeanwhile, inbox, taken);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> leasesTaken.get() == 1);
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> store.held() == 0);
            } finally {
                node.stop();
            }
        }
        assertThat(taken).as("files the route was given").isEmpty();
        assertThat(DataDir.names(archive)).containsExactly("gone.png");
    }

    private static CamelContext node(IdempotentRepository leases, Path inbox, Map<String, AtomicInteger> taken)
            throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("leases", leases);
        context.getRegistry().bind(InboxProcessStrategy.BEAN, new InboxProcessStrategy());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?readLock=idempotent-changed&idempotentRepository=#leases"
                        + "&idempotentEager=false&readLockMinAge=100"
                        + "&readLockCheckInterval=50&readLockRemoveOnCommit=true&readLockIdempotentReleaseDelay=300"
                        + "&readLockIdempotentReleaseAsync=true&move=../archive&initialDelay=0&delay=20"
                        + "&maxMessagesPerPoll=4&processStrategy=#" + InboxProcessStrategy.BEAN)
                        .process(exchange -> taken.computeIfAbsent(exchange.getMessage().getHeader("CamelFileName",
                                String.class), name -> new AtomicInteger()).incrementAndGet());
            }
        });
        context.start();
        return context;
    }
}
