package org.darkroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.spi.IdempotentRepository;
import org.darkroom.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes racing for the same files: each file is granted to exactly one of them, never to both. */
class LeaseRaceTest {
    private static final int KEYS = 300;
    private static final int THREADS_PER_NODE = 6;

    private static LeaseStore a;
    private static LeaseStore b;

    @BeforeAll
    static void open() {
        Postgres.Database database = Postgres.get().newDatabase("race");
        a = Leases.open(database, "node-a");
        b = Leases.open(database, "node-b");
    }

    @AfterAll
    static void close() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void many_threads_on_two_nodes_get_exactly_one_winner_per_file() throws Exception {
        Map<String, AtomicInteger> winners = new ConcurrentHashMap<>();
        List<IdempotentRepository> repositories = List.of(a.repository("race"), b.repository("race"));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_NODE * 2);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 0; t < THREADS_PER_NODE * 2; t++) {
                IdempotentRepository repository = repositories.get(t % 2);
                racers.add(pool.submit(() -> {
                    go.await();
                    for (int k = 0; k < KEYS; k++) {
                        String key = "image-" + k + ".png";
                        if (repository.add(key)) {
                            winners.computeIfAbsent(key, any -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> racer : racers) {
                racer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(winners).as("files granted").hasSize(KEYS);
        assertThat(winners.values()).as("grants per file").allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(a.held() + b.held()).as("leases held by both nodes together").isEqualTo(KEYS);
    }
}
