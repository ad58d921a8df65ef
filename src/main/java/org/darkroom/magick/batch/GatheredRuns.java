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
 * under its key. Per key, one caller at a time, the contender, waits for a worker; when it gets one it takes the
 * jobs queued under that key, oldest first and as many as the bounds allow, hands the contender's part to the
 * caller of the oldest job still queued, and runs the jobs it took together, completing each one's outcome. Every
 * other caller waits for its outcome, or for its turn as contender. Nothing waits for a batch to fill: a job runs as
 * soon as a worker is free, with whatever queued behind it while every worker was busy, so batches grow with the
 * load and a lone job pays no delay.
 *
 * <p>Only the contender waits for a worker: were every caller to wait, a caller whose job already ran in another's
 * batch would still take the next free worker and run whatever had just arrived, one or two jobs, however many
 * waited behind it.
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

    /** The jobs waiting under each key; guarded by this object's monitor, which callers also wait on. */
    private final Map<K, Line<J, R>> lines = new HashMap<>();

    /**
     * Runs {@code job}, alone or with others of {@code key}, and returns its outcome. {@code together} gets the jobs
     * of one run and returns their outcomes in the same order; what it throws is thrown to every caller of that run.
     */
    public R run(K key, J job, Worker worker, Bounds<J> bounds, Function<List<J>, List<R>> together)
            throws InterruptedException {
        Queued<J, R> mine = new Queued<>(job);
        Line<J, R> line;
        synchronized (this) {
            line = lines.computeIfAbsent(key, any -> new Line<>());
            line.queue.add(mine);
            if (line.contender == null) {
                line.contender = mine;
            }
        }
        while (awaitTurn(key, line, mine)) {
            try {
                worker.acquire();
            } catch (InterruptedException | RuntimeException e) {
                giveUp(key, line, mine);
                throw e;
            }
            try {
                List<Queued<J, R>> batch;
                synchronized (this) {
                    batch = take(line, bounds);
                    line.contender = null;
                    handOver(key, line);
                }
                runTogether(batch, together);
            } finally {
                worker.release();
                synchronized (this) {
                    // The callers of the jobs just run wait for their outcomes on this monitor.
                    notifyAll();
                }
            }
        }
        return outcome(mine);
    }

    /** Jobs queued under {@code key} and not yet taken into a run. */
    synchronized int waiting(K key) {
        Line<J, R> line = lines.get(key);
        return line == null ? 0 : line.queue.size();
    }

    /** Waits until the job has run (false) or its caller is the key's contender (true). */
    private synchronized boolean awaitTurn(K key, Line<J, R> line, Queued<J, R> mine) throws InterruptedException {
        try {
            while (line.contender != mine && !mine.outcome.isDone()) {
                wait();
            }
        } catch (InterruptedException e) {
            giveUp(key, line, mine);
            throw e;
        }
        return !mine.outcome.isDone();
    }

    /**
     * A caller leaves before its job ran: the job is taken back, so no one runs what its caller gave up on (one
     * already taken still runs, unawaited), and the contender's part passes on, or the jobs behind would wait for
     * ever.
     */
    private synchronized void giveUp(K key, Line<J, R> line, Queued<J, R> mine) {
        line.queue.remove(mine);
        if (line.contender == mine) {
            line.contender = null;
            handOver(key, line);
        }
    }

    /** The oldest job still queued becomes the contender's; a key with nothing queued is forgotten. */
    private void handOver(K key, Line<J, R> line) {
        if (line.queue.isEmpty()) {
            lines.remove(key, line);
            return;
        }
        line.contender = line.queue.peek();
        notifyAll();
    }

    private List<Queued<J, R>> take(Line<J, R> line, Bounds<J> bounds) {
        List<Queued<J, R>> batch = new ArrayList<>();
        List<J> taken = new ArrayList<>();
        // The first job always runs, whatever its size: the bounds only decide who may join it. Jobs taken off the
        // queue are run whatever happens next, or their callers would wait for them for ever: bounds that fail on
        // a job leave it queued, to run first in a later turn.
        while (!line.queue.isEmpty() && (taken.isEmpty() || admits(bounds, taken, line.queue.peek().job))) {
            Queued<J, R> next = line.queue.poll();
            batch.add(next);
            taken.add(next.job);
        }
        return batch;
    }

    private static <J> boolean admits(Bounds<J> bounds, List<J> taken, J next) {
        try {
            return bounds.admits(taken, next);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void runTogether(List<Queued<J, R>> batch, Function<List<J>, List<R>> together) {
        if (batch.isEmpty()) {
            return;
        }
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

    /** One key's queue and the caller whose turn it is to wait for a worker (null when none is). */
    private static final class Line<J, R> {
        private final ArrayDeque<Queued<J, R>> queue = new ArrayDeque<>();
        private Queued<J, R> contender;
    }

    private record Queued<J, R>(J job, CompletableFuture<R> outcome) {
        Queued(J job) {
            this(job, new CompletableFuture<>());
        }
    }
}
