package org.darkroom.http;

import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;
import org.darkroom.flow.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounting of a request refused before any route saw it (by the body gate, or by the server below the
 * router): one log line and one metric, in the same form as the door's own, so no answer goes uncounted.
 */
final class EarlyRefusals {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyRefusals.class);
    private static final String DOOR = "http";

    private EarlyRefusals() {
    }

    static void account(DarkroomMetrics metrics, int status, DarkroomException error, long nanos) {
        metrics.request(DOOR, "-", error.code().code(), nanos);
        LOG.warn("http flow=- status={} ms={} outcome=failed code={} detail={}", status, nanos / 1_000_000,
                error.code().code(), LogText.of(error.detail()));
    }
}
