package org.darkroom.magick;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness: ImageMagick still answers in Darkroom's clean environment with its policy in force.
 *
 * <p>The full policy check runs at start-up (Darkroom refuses to start without it); this repeats it at most
 * once per {@code darkroom.magick.recheck-ms}, so a binary removed or a policy file edited under a running service
 * turns readiness down, and the HTTP door answers {@code 503 not_ready} until it is put right. Each change is
 * logged once, when it is seen: a warning with the reason when ImageMagick stops being ready, a line when it is
 * ready again.
 */
public final class MagickHealthCheck extends AbstractHealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(MagickHealthCheck.class);
    private final MagickEnvironment environment;
    private final long recheckMillis;
    private final AtomicLong checkedAt;
    private volatile String failure;

    public MagickHealthCheck(MagickEnvironment environment, long recheckMillis) {
        super("darkroom", "imagemagick");
        this.environment = environment;
        this.recheckMillis = recheckMillis;
        this.checkedAt = new AtomicLong(System.currentTimeMillis());
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    /**
     * Whether ImageMagick passed its last check; repeats the check when the last one is older than the interval.
     *
     * <p>Every HTTP request asks this, so it takes no lock: the one caller that wins the compare-and-set re-checks,
     * the others answer from the last result meanwhile.
     */
    public boolean isReady() {
        long now = System.currentTimeMillis();
        long last = checkedAt.get();
        if (now - last > recheckMillis && checkedAt.compareAndSet(last, now)) {
            String found;
            try {
                MagickProbe.check(environment);
                found = null;
            } catch (RuntimeException e) {
                found = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            record(found);
        }
        return failure == null;
    }

    /** Two slow checks may overlap, so the change is judged and logged under a lock, once. */
    private synchronized void record(String found) {
        if (failure == null && found != null) {
            LOG.warn("ImageMagick is not ready: {}", found);
        } else if (failure != null && found == null) {
            LOG.info("ImageMagick is ready again");
        }
        failure = found;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        isReady();
        builder.detail("binary", environment.binary().toString());
        if (failure == null) {
            builder.up();
        } else {
            builder.message(failure).down();
        }
    }
}
