package org.darkroom.inbox;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stamps one route from the {@code inbox} template per configured inbox, creating its folders first. */
public final class InboxRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(InboxRoutes.class);

    private InboxRoutes() {
    }

    public static void add(CamelContext context, InboxDoor door, DataLayout layout, int workers) throws Exception {
        for (InboxBinding binding : door.bindings()) {
            layout.create(binding.name());
            context.addRouteFromTemplate("inbox-" + binding.name(), "inbox", Map.of(
                    "inbox", binding.name(),
                    "inboxDir", layout.inbox(binding.name()).toString(),
                    "archiveDir", layout.archive(binding.name()).toString(),
                    "failedDir", layout.failed(binding.name()).toString(),
                    "exclude", InboxFiles.EXCLUDE,
                    // Twice as many threads as ImageMagick permits: while some threads hold a permit and wait
                    // on ImageMagick, the others take in the next files and commit finished ones, so no core
                    // idles between two processes. The queue is only a hand-off; when it is full the poller
                    // runs a file itself, which slows polling instead of piling files up in memory.
                    "threads", 2 * workers,
                    "queue", 4 * workers));
            LOG.info("inbox {} -> {} {}", binding.name(), binding.flow().name(), binding.params());
        }
    }
}
