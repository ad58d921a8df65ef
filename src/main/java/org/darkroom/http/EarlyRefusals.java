package org.darkroom.http;

import org.darkroom.door.Door;
import org.darkroom.door.FlowCall;
import org.darkroom.door.JobLine;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DarkroomMetrics;

/**
 * The accounting of a request refused before any route saw it (by the body gate, or by the server below the
 * router): one log line and one metric, in the same form as the door's own, so no answer goes uncounted.
 */
final class EarlyRefusals {
    private EarlyRefusals() {
    }

    /** {@code requestId} is the one sent back with the answer, or {@code null} when none could be read. */
    static void account(DarkroomMetrics metrics, String requestId, DarkroomException error, long nanos) {
        FlowCall.account(metrics, new JobLine(Door.HTTP.label(), "-", requestId == null ? "-" : requestId, -1, nanos,
                "failed", error.code().code(), null, error.detail()));
    }
}
