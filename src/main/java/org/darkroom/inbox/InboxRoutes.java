package org.darkroom.inbox;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stamps one route from the {@code inbox} template per configured inbox, creating its folders first. */
public final class InboxRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(InboxRoutes.class);

    private InboxRoutes() {
    }

    /** {@code filesPerProcess}: how many files may share one ImageMagick process ({@code darkroom.drop.batch.max-files}). */
    public static void add(CamelContext context, InboxDoor door, DataLayout layout, int workers, int filesPerProcess,
                           InboxLocking locking) throws Exception {
        for (InboxBinding binding : door.bindings()) {
            layout.create(binding.name());
            IdempotentRepository leases = locking.repository(binding.name());
            if (leases != null) {
                context.getRegistry().bind(InboxLocking.repositoryBean(binding.name()), leases);
            }
            Map<String, Object> parameters = new HashMap<>(locking.templateParameters(binding.name()));
            parameters.putAll(Map.of(
                    "inbox", binding.name(),
                    "inboxDir", layout.inbox(binding.name()).toString(),
                    "archiveDir", layout.archive(binding.name()).toString(),
                    "failedDir", layout.failed(binding.name()).toString(),
                    "exclude", InboxFiles.EXCLUDE,
                    // Per ImageMagick worker, one thread more than the files one process may take: while a
                    // process runs, the next batch gathers and finished files are committed, so no core idles
                    // between two processes (with batches of one: two threads per worker). The queue is only a
                    // hand-off; when it is full the poller runs a file itself, which slows polling instead of
                    // piling files up in memory.
                    "threads", workers * (filesPerProcess + 1),
                    "queue", 4 * workers));
            context.addRouteFromTemplate("inbox-" + binding.name(), "inbox", parameters);
            LOG.info("inbox {} -> {} {}", binding.name(), binding.flow().name(), binding.params());
        }
    }
}
