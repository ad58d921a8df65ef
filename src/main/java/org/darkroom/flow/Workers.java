package org.darkroom.flow;

import java.util.concurrent.Semaphore;

/**
 * The one bound on concurrent processing shared by every door: a permit per running ImageMagick (or model) job.
 *
 * <p>Sized to the cores by default, because each ImageMagick process runs single-threaded and more processes than
 * cores only add context switches.
 */
public final class Workers {
    private final int size;
    private final Semaphore permits;

    public Workers(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("darkroom.workers must be at least 1");
        }
        this.size = size;
        this.permits = new Semaphore(size, true);
    }

    /** The configured size, or the number of cores when {@code configured} is 0. */
    public static int size(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    public int size() {
        return size;
    }

    /** Waits for a permit; drop folders wait rather than refuse, since their files stay safely queued on disk. */
    public void acquire() throws InterruptedException {
        permits.acquire();
    }

    public void release() {
        permits.release();
    }
}
