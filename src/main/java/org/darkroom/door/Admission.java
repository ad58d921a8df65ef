package org.darkroom.door;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * The one limit of work in progress for the whole service ({@code darkroom.max-in-flight}), whatever door the
 * work came through: a place is held from admission until the work is done ({@code FlowCall} gives it back before
 * the answer is written).
 *
 * <p>Callers who can retry (HTTP, MCP) take a place at once or are told {@code busy}. The drop folder waits for a
 * place instead, and its jobs together hold at most half of them (one at least), each place shared by as many
 * files as one ImageMagick process may take: a large batch slows down rather than shutting interactive callers out. Behind this gate sit the bounds of the resources themselves (the
 * ImageMagick process permits, the vision gate), which queue briefly rather than refuse.
 */
public final class Admission {
    /** How often a waiting job looks again at readiness (a stop, a failed ImageMagick check) while it waits. */
    private static final long WAIT_STEP_MS = 100;

    private final int limit;
    private final int waitingPerPlace;
    private final Semaphore places;
    private final Semaphore waitingPlaces;
    /** The places waiting jobs hold now; any of them with room is joined before a new place is taken. */
    private final List<SharedPlace> shared = new ArrayList<>();

    /** {@code limit} places, each held by one job, or by up to {@code waitingPerPlace} jobs of a waiting door. */
    public Admission(int limit, int waitingPerPlace) {
        if (limit < 1 || waitingPerPlace < 1) {
            throw new IllegalArgumentException("at least one place and one job per place, not " + limit + " and "
                    + waitingPerPlace);
        }
        this.limit = limit;
        this.waitingPerPlace = waitingPerPlace;
        this.places = new Semaphore(limit);
        this.waitingPlaces = new Semaphore(Math.max(1, limit / 2));
    }

    /** {@code limit} places, each held by one job. */
    public Admission(int limit) {
        this(limit, 1);
    }

    /** Places in all: requests worked on at once. */
    public int limit() {
        return limit;
    }

    /** Places held right now. */
    public int inUse() {
        return limit - places.availablePermits();
    }

    /** A place now, or none: the caller answers {@code busy}. */
    public Optional<Permit> tryEnter() {
        return places.tryAcquire() ? Optional.of(new Permit(places::release)) : Optional.empty();
    }

    /** A place now, or {@code busy}. */
    public Permit enterOrRefuse() {
        return tryEnter().orElseThrow(() -> new DarkroomException(ErrorCode.BUSY, "Darkroom is working on as many"
                + " requests as it takes at once (" + limit + ", darkroom.max-in-flight). Retry in a few seconds."));
    }

    /**
     * Waits for a place among the waiting doors' share, then for a place; gives up with {@code not_ready} as soon as
     * {@code ready} turns false (a stop, a full disk, a failed check) so the work is left for later. Up to
     * {@code waitingPerPlace} waiting jobs share one place: drop-folder files that run together in one ImageMagick
     * process are one piece of work in progress, and counting each of them would keep such a batch from forming.
     */
    public Permit enterWaiting(BooleanSupplier ready) {
        synchronized (this) {
            // Any place with room: the jobs of one place do not all finish together (they run in different
            // processes), and a place half given back must not keep new files waiting.
            for (SharedPlace place : shared) {
                if (place.holders < waitingPerPlace) {
                    place.holders++;
                    return new Permit(place::leave);
                }
            }
        }
        acquire(waitingPlaces, ready);
        try {
            acquire(places, ready);
        } catch (RuntimeException e) {
            waitingPlaces.release();
            throw e;
        }
        SharedPlace place = new SharedPlace();
        synchronized (this) {
            shared.add(place);
        }
        return new Permit(place::leave);
    }

    private static void acquire(Semaphore semaphore, BooleanSupplier ready) {
        try {
            while (!semaphore.tryAcquire(WAIT_STEP_MS, TimeUnit.MILLISECONDS)) {
                if (!ready.getAsBoolean()) {
                    throw new DarkroomException(ErrorCode.NOT_READY);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DarkroomException(ErrorCode.NOT_READY, null, "interrupted while waiting for a place", e);
        }
        if (!ready.getAsBoolean()) {
            semaphore.release();
            throw new DarkroomException(ErrorCode.NOT_READY);
        }
    }

    /** A waiting door's place, held by one or more of its jobs and given back when the last of them leaves. */
    private final class SharedPlace {
        /** Guarded by the {@link Admission} it belongs to. */
        private int holders = 1;

        void leave() {
            synchronized (Admission.this) {
                holders--;
                if (holders > 0) {
                    return;
                }
                shared.remove(this);
            }
            places.release();
            waitingPlaces.release();
        }
    }

    /** One held place, or a share of one; closing it gives it back, once, however many times it is closed. */
    public static final class Permit implements AutoCloseable {
        private final AtomicBoolean held = new AtomicBoolean(true);
        private final Runnable giveBack;

        private Permit(Runnable giveBack) {
            this.giveBack = giveBack;
        }

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                giveBack.run();
            }
        }
    }
}
