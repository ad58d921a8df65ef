package org.darkroom.magick.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Gathers jobs that wait for a worker at the same time into one run (group commit). Each caller queues its job
 * under its key, then waits for a worker; the caller that gets one takes the jobs queued under that key, oldest
 * first and as many as the bounds allow, and runs them together, completing each one's outcome. A caller whose job
 * another caller took gives its worker back and waits for that run. Nothing waits for a batch to fill: a job runs
 * as soon as a worker is free, with whatever queued behind it while every worker was busy, so batches grow with the
 * load and a lone job pays no delay.
 *
 * @param <K> what jobs must share to run together
 * @param <J> a job
 * @param <R> one job's outcome
 */
public final class GatheredRuns<K, J, R> {
    /** The bound on how many runs happen at once, held by the caller that runs a batch for the whole run. */
    public interface Worker {
        void acquire() throws InterruptedException;

        void release();
    }

    /** Whether {@code next} may join the jobs already taken for one run. */
    public interface Bounds<J> {
        boolean admits(List<J> taken, J next);
    }

    private final Map<K, ArrayDeque<Queued<J, R>>> queued = new HashMap<>();

    /**
     * Runs {@code job}, alone or with others of {@code key}, and returns its outcome. {@code together} gets the jobs
     * of one run and returns their outcomes in the same order; what it throws is thrown to every caller of that run.
     */
    public R run(K key, J job, Worker worker, Bounds<J> bounds, Function<List<J>, List<R>> together)
            throws InterruptedException {
        Queued<J, R> mine = new Queued<>(job);
        synchronized (queued) {
            queued.computeIfAbsent(key, any -> new ArrayDeque<>()).add(mine);
        }
        while (isQueued(key, mine)) {
            try {
                worker.acquire();
            } catch (InterruptedException | RuntimeException e) {
                // Taken back, so no one runs a job its caller gave up on; one already taken is run, unawaited.
                withdraw(key, mine);
                throw e;
            }
            try {
                List<Queued<J, R>> batch = take(key, bounds);
                if (!batch.isEmpty()) {
                    runTogether(batch, together);
                }
            } finally {
                worker.release();
            }
        }
        return outcome(mine);
    }

    private void withdraw(K key, Queued<J, R> mine) {
        synchronized (queued) {
            ArrayDeque<Queued<J, R>> jobs = queued.get(key);
            if (jobs != null && jobs.remove(mine) && jobs.isEmpty()) {
                queued.remove(key);
            }
        }
    }

    private boolean isQueued(K key, Queued<J, R> mine) {
        synchronized (queued) {
            ArrayDeque<Queued<J, R>> jobs = queued.get(key);
            return jobs != null && jobs.contains(mine);
        }
    }

    private List<Queued<J, R>> take(K key, Bounds<J> bounds) {
        synchronized (queued) {
            ArrayDeque<Queued<J, R>> jobs = queued.get(key);
            List<Queued<J, R>> batch = new ArrayList<>();
            List<J> taken = new ArrayList<>();
            // The first job always runs, whatever its size: the bounds only decide who may join it. Jobs taken off
            // the queue are run whatever happens next, or their callers would wait for them for ever: bounds that
            // fail on a job leave it queued, to run first in a later turn.
            while (jobs != null && !jobs.isEmpty() && (taken.isEmpty() || admits(bounds, taken, jobs.peek().job))) {
                Queued<J, R> next = jobs.poll();
                batch.add(next);
                taken.add(next.job);
            }
            if (jobs != null && jobs.isEmpty()) {
                queued.remove(key);
            }
            return batch;
        }
    }

    private static <J> boolean admits(Bounds<J> bounds, List<J> taken, J next) {
        try {
            return bounds.admits(taken, next);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void runTogether(List<Queued<J, R>> batch, Function<List<J>, List<R>> together) {
        try {
            List<R> outcomes = together.apply(batch.stream().map(Queued::job).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome.complete(outcomes.get(i));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(each -> each.outcome.completeExceptionally(e));
        }
    }

    private static <J, R> R outcome(Queued<J, R> mine) throws InterruptedException {
        try {
            return mine.outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) e.getCause();
        }
    }

    private record Queued<J, R>(J job, CompletableFuture<R> outcome) {
        Queued(J job) {
            this(job, new CompletableFuture<>());
        }
    }
}
