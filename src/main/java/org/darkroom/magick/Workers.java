package org.darkroom.magick;

import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.darkroom.config.Settings;

/**
 * The one bound on concurrent processing shared by every door: a permit per running ImageMagick (or model) job.
 *
 * <p>Sized to the cores by default, because each ImageMagick process runs single-threaded and more processes than
 * cores only add context switches. Jobs planned as heavy (the {@link #HEAVY} property) first take one of
 * {@code size - 1} heavy permits, so however many long jobs arrive, one worker stays free for short ones. With
 * a single worker there is nothing to keep free, and heavy jobs share it like any other.
 */
public final class Workers {
    /** Exchange property: {@code true} when the job's planned work makes it heavy. */
    public static final String HEAVY = "darkroom.heavyJob";
    private static final String HELD_HEAVY = "darkroom.heldHeavyPermit";
    private final int size;
    private final Semaphore permits;
    private final Semaphore heavyPermits;

    public Workers(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("darkroom.workers must be at least 1");
        }
        this.size = size;
        this.permits = new Semaphore(size, true);
        this.heavyPermits = new Semaphore(Math.max(1, size - 1), true);
    }

    /** The bound {@code darkroom.workers} sets: 0 (the default) means one worker per core. */
    public static Workers read(Settings settings) {
        return new Workers(size(settings.nonNegativeInt("darkroom.workers")));
    }

    /** The configured size, or the number of cores when {@code configured} is 0. */
    public static int size(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    public int size() {
        return size;
    }

    /** Waits for a permit; drop folders wait rather than refuse, since their files stay safely queued on disk. */
    public void acquire(Exchange exchange) throws InterruptedException {
        boolean heavy = size > 1 && Boolean.TRUE.equals(exchange.getProperty(HEAVY, Boolean.class));
        if (heavy) {
            heavyPermits.acquire();
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            if (heavy) {
                heavyPermits.release();
            }
            throw e;
        }
        exchange.setProperty(HELD_HEAVY, heavy);
    }

    public void release(Exchange exchange) {
        permits.release();
        if (Boolean.TRUE.equals(exchange.removeProperty(HELD_HEAVY))) {
            heavyPermits.release();
        }
    }
}
