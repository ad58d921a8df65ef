package org.darkroom.magick.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jobs that wait for a busy worker run together when it frees; a lone job runs at once, alone. */
class GatheredRunsTest {
    private final GatheredRuns<String, Integer, String> runs = new GatheredRuns<>();
    private final Semaphore permits = new Semaphore(1);
    private final GatheredRuns.Worker worker = new GatheredRuns.Worker() {
        @Override
        public void acquire() throws InterruptedException {
            permits.acquire();
        }

        @Override
        public void release() {
            permits.release();
        }
    };
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void a_lone_job_runs_at_once_on_its_own() throws Exception {
        assertThat(runs.run("thumbnail", 1, worker, (taken, next) -> true, recorded())).isEqualTo("done 1");
        assertThat(batches).containsExactly(List.of(1));
    }

    @Test
    void jobs_that_queued_while_the_worker_was_busy_run_together_within_the_bounds() throws Exception {
        CountDownLatch firstRuns = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        CompletableFuture<String> first = call("thumbnail", 0, 3, jobs -> {
            firstRuns.countDown();
            await(finishFirst);
            return recorded().apply(jobs);
        });
        assertThat(firstRuns.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int job = 1; job <= 5; job++) {
            waiting.add(call("thumbnail", job, 3, recorded()));
            // One at a time, so the jobs queue in a known order.
            int queuedSoFar = job;
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> runs.waiting("thumbnail") == queuedSoFar);
        }

        finishFirst.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done 0");
        for (int job = 1; job <= 5; job++) {
            assertThat(waiting.get(job - 1).get(5, TimeUnit.SECONDS)).isEqualTo("done " + job);
        }
        assertThat(batches).as("oldest first, at most three per run").containsExactly(List.of(0), List.of(1, 2, 3),
                List.of(4, 5));
    }

    @Test
    void of_the_callers_of_one_key_only_one_waits_for_a_worker() throws Exception {
        CountDownLatch finishFirst = new CountDownLatch(1);
        CompletableFuture<String> first = call("thumbnail", 0, 8, jobs -> {
            await(finishFirst);
            return recorded().apply(jobs);
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> permits.availablePermits() == 0);
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int job = 1; job <= 4; job++) {
            waiting.add(call("thumbnail", job, 8, recorded()));
            // One at a time, so the jobs queue in a known order.
            int queuedSoFar = job;
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> runs.waiting("thumbnail") == queuedSoFar);
        }
        // The others wait for their outcome, not for a worker: a caller whose job another one's run takes must not
        // go on to take a worker with whatever arrived since.
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> permits.getQueueLength() == 1);

        finishFirst.countDown();

        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertThat(first.get()).isEqualTo("done 0");
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4));
        assertThat(runs.waiting("thumbnail")).isZero();
    }

    @Test
    void jobs_of_different_keys_never_share_a_run() throws Exception {
        CountDownLatch finishFirst = new CountDownLatch(1);
        CompletableFuture<String> first = call("a", 0, 8, jobs -> {
            await(finishFirst);
            return recorded().apply(jobs);
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> permits.availablePermits() == 0);
        CompletableFuture<String> a = call("a", 1, 8, recorded());
        CompletableFuture<String> b = call("b", 2, 8, recorded());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> permits.getQueueLength() == 2);

        finishFirst.countDown();

        CompletableFuture.allOf(first, a, b).get(5, TimeUnit.SECONDS);
        assertThat(batches).containsExactlyInAnyOrder(List.of(0), List.of(1), List.of(2));
    }

    @Test
    void what_a_run_throws_reaches_every_job_of_that_run_and_the_worker_comes_back() {
        assertThatThrownBy(() -> runs.run("thumbnail", 1, worker, (taken, next) -> true, jobs -> {
            throw new IllegalStateException("ImageMagick ended by the stop");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("stop");
        assertThat(permits.availablePermits()).isEqualTo(1);
    }

    @Test
    void a_job_the_bounds_cannot_weigh_stays_queued_and_runs_first_later_and_no_taken_job_is_stranded()
            throws Exception {
        CountDownLatch finishFirst = new CountDownLatch(1);
        GatheredRuns.Bounds<Integer> failingOnTwo = (taken, next) -> {
            if (next == 2) {
                throw new IllegalStateException("the input of job 2 is gone");
            }
            return true;
        };
        CompletableFuture<String> first = call("thumbnail", 0, failingOnTwo, jobs -> {
            await(finishFirst);
            return recorded().apply(jobs);
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> permits.availablePermits() == 0);
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int job = 1; job <= 3; job++) {
            waiting.add(call("thumbnail", job, failingOnTwo, recorded()));
            int queuedSoFar = job;
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> runs.waiting("thumbnail") == queuedSoFar);
        }

        finishFirst.countDown();

        CompletableFuture.allOf(first, waiting.get(0), waiting.get(1), waiting.get(2)).get(5, TimeUnit.SECONDS);
        assertThat(batches).containsExactly(List.of(0), List.of(1), List.of(2, 3));
    }

    @Test
    void a_caller_interrupted_while_it_waits_for_the_worker_takes_its_job_back() throws Exception {
        CountDownLatch finishFirst = new CountDownLatch(1);
        CompletableFuture<String> first = call("thumbnail", 0, 8, jobs -> {
            await(finishFirst);
            return recorded().apply(jobs);
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> permits.availablePermits() == 0);
        Future<String> givenUp = threads.submit(() -> runs.run("thumbnail", 1, worker, (taken, next) -> true,
                recorded()));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> permits.getQueueLength() == 1);

        givenUp.cancel(true);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> permits.getQueueLength() == 0);
        finishFirst.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done 0");
        assertThat(runs.run("thumbnail", 2, worker, (taken, next) -> true, recorded())).isEqualTo("done 2");
        assertThat(batches).as("the job given up never ran").containsExactly(List.of(0), List.of(2));
    }

    private CompletableFuture<String> call(String key, int job, int perRun,
                                           Function<List<Integer>, List<String>> together) {
        return call(key, job, (taken, next) -> taken.size() < perRun, together);
    }

    private CompletableFuture<String> call(String key, int job, GatheredRuns.Bounds<Integer> bounds,
                                           Function<List<Integer>, List<String>> together) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return runs.run(key, job, worker, bounds, together);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
    }

    private Function<List<Integer>, List<String>> recorded() {
        return jobs -> {
            batches.add(List.copyOf(jobs));
            return jobs.stream().map(job -> "done " + job).toList();
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
