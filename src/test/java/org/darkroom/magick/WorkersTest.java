package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** However many heavy jobs arrive, one worker stays free for a short one. */
class WorkersTest {
    private final DefaultCamelContext context = new DefaultCamelContext();

    @Test
    void heavy_jobs_leave_one_worker_for_short_ones() throws Exception {
        Workers workers = new Workers(2);
        Exchange firstHeavy = exchange(true);
        workers.acquire(firstHeavy);
        Exchange secondHeavy = exchange(true);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> acquire(workers, secondHeavy));

        Exchange shortJob = exchange(false);
        CompletableFuture<Void> light = CompletableFuture.runAsync(() -> acquire(workers, shortJob));
        light.get(5, TimeUnit.SECONDS);
        assertThat(waiting).as("the second heavy job waits for the first").isNotDone();

        workers.release(shortJob);
        workers.release(firstHeavy);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
        workers.release(secondHeavy);
    }

    @Test
    void with_one_worker_heavy_jobs_share_it_like_any_other() throws Exception {
        Workers workers = new Workers(1);
        Exchange heavy = exchange(true);
        workers.acquire(heavy);
        workers.release(heavy);
        Exchange light = exchange(false);
        CompletableFuture.runAsync(() -> acquire(workers, light)).get(5, TimeUnit.SECONDS);
        workers.release(light);
    }

    private Exchange exchange(boolean heavy) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(Workers.HEAVY, heavy);
        return exchange;
    }

    private static void acquire(Workers workers, Exchange exchange) {
        try {
            workers.acquire(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
