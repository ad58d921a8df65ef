package org.darkroom.vision.service;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.GracefulStop;

/**
 * Bounds the vision work on one loaded model: a few requests at a time (one by default: a generation already uses
 * every core), a bounded number waiting (one more is refused {@code busy}), and a deadline per request that covers
 * the wait, the encoding and the generation (past it: {@code timeout}).
 *
 * <p>Generations run on the gate's own threads so a request past its deadline can be stopped: the thread is
 * interrupted and the generation loop checks for that between decoder calls.
 */
public final class VisionGate implements AutoCloseable {
    private final Semaphore slots;
    private final AtomicInteger admitted = new AtomicInteger();
    private final int limit;
    private final int queue;
    private final Duration timeout;
    private final ExecutorService runner;
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    public VisionGate(int concurrency, int queue, Duration timeout) {
        this.slots = new Semaphore(concurrency, true);
        this.limit = concurrency + queue;
        this.queue = queue;
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.runner = Executors.newFixedThreadPool(concurrency, work -> {
            Thread thread = new Thread(work, "darkroom-vision-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A request's place: held from {@link #enter()} until {@link #close()}. */
    public final class Slot implements AutoCloseable {
        private final long deadline;
        private boolean released;

        private Slot(long deadline) {
            this.deadline = deadline;
        }

        /** Runs {@code work} on a gate thread, stopping it at the deadline with {@code timeout}. */
        public <T> T run(Callable<T> work) throws Exception {
            checkDeadline();
            Future<T> future = runner.submit(work);
            running.add(future);
            try {
                return future.get(remainingNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw timedOut();
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw e;
            } catch (CancellationException e) {
                throw stopped ? stoppedShort() : timedOut();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancellationException) {
                    throw stopped ? stoppedShort() : timedOut();
                }
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                running.remove(future);
            }
        }

        /** Throws {@code timeout} if the deadline has passed (between stages that cannot be interrupted). */
        public void checkDeadline() {
            if (remainingNanos() <= 0) {
                throw timedOut();
            }
        }

        private long remainingNanos() {
            return deadline - System.nanoTime();
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                slots.release();
                admitted.decrementAndGet();
            }
        }
    }

    /** Waits for a slot until the request's deadline; {@code busy} at once if too many are waiting already. */
    public Slot enter() throws InterruptedException {
        if (admitted.incrementAndGet() > limit) {
            admitted.decrementAndGet();
            throw new DarkroomException(ErrorCode.BUSY, "The vision model is busy and " + queue
                    + " requests are already waiting for it. Retry shortly.");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean acquired = false;
        try {
            acquired = slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            if (!acquired) {
                admitted.decrementAndGet();
            }
        }
        if (!acquired) {
            throw timedOut();
        }
        return new Slot(deadline);
    }

    /** Requests holding or waiting for a place now. */
    int admitted() {
        return admitted.get();
    }

    /**
     * Ends every generation in progress, for a stop whose deadline is near: each is interrupted between decoder calls
     * and its caller told {@code not_ready}, so its input stays where it came from.
     *
     * @return how many were running
     */
    public int stopAll() {
        stopped = true;
        int ended = 0;
        for (Future<?> future : running) {
            if (future.cancel(true)) {
                ended++;
            }
        }
        return ended;
    }

    private static DarkroomException stoppedShort() {
        return new DarkroomException(ErrorCode.NOT_READY, GracefulStop.MESSAGE, "vision job ended by the stop");
    }

    private DarkroomException timedOut() {
        return new DarkroomException(ErrorCode.TIMEOUT, "The vision request took longer than "
                + timeout.toMillis() + " ms (darkroom.vision.timeout-ms). Ask for fewer tokens, or raise the limit.");
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
