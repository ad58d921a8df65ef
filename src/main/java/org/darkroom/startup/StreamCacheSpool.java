package org.darkroom.startup;

import org.apache.camel.CamelContext;
import org.darkroom.intake.WorkArea;

/**
 * Points Camel's stream-cache spool at this process's private work directory (owner-only, swept at the next start if
 * the process dies), instead of {@code camel/} in the shared temporary directory, where spooled request bodies would
 * be readable by other users and outlive a crash.
 */
public final class StreamCacheSpool {
    private StreamCacheSpool() {
    }

    /** Call while configuring, before Camel starts its stream caching. */
    public static void place(CamelContext context, WorkArea workArea) {
        context.getStreamCachingStrategy().setSpoolDirectory(workArea.root().resolve("spool").toFile());
    }
}
