package org.darkroom.magick;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: ImageMagick still answers in Darkroom's clean environment with its policy in force.
 *
 * <p>The full policy check runs at start-up (Darkroom refuses to start without it); this repeats it at most
 * once per {@code darkroom.magick.recheck-ms}, so a binary removed or a policy file edited under a running service
 * turns readiness down, and the HTTP door answers {@code 503 not_ready} until it is put right.
 */
public final class MagickHealthCheck extends AbstractHealthCheck {
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
            try {
                MagickProbe.verify(environment);
                failure = null;
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
        }
        return failure == null;
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
