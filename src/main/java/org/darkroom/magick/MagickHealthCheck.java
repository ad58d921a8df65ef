package org.darkroom.magick;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: ImageMagick still answers in Darkroom's clean environment with its policy in force.
 *
 * <p>The full policy check runs at start-up (Darkroom refuses to start without it); this repeats it at most
 * once a minute, so a binary removed or a policy file edited under a running service turns readiness down.
 */
public final class MagickHealthCheck extends AbstractHealthCheck {
    private static final long RECHECK_MILLIS = 60_000;
    private final MagickEnvironment environment;
    private volatile long checkedAt;
    private volatile String failure;

    public MagickHealthCheck(MagickEnvironment environment) {
        super("darkroom", "imagemagick");
        this.environment = environment;
        this.checkedAt = System.currentTimeMillis();
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long now = System.currentTimeMillis();
        if (now - checkedAt > RECHECK_MILLIS) {
            checkedAt = now;
            try {
                MagickProbe.verify(environment);
                failure = null;
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
        }
        builder.detail("binary", environment.binary().toString());
        if (failure == null) {
            builder.up();
        } else {
            builder.message(failure).down();
        }
    }
}
