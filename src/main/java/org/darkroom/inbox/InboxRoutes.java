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
                           InboxLocking locking, ArchivePolicy archive) throws Exception {
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
                    "failedDir", layout.failed(binding.name()).toString(),
                    "exclude", InboxFiles.EXCLUDE,
                    "threads", threadsBean(context, binding.name(), workers, filesPerProcess)));
            if (archive.archives()) {
                parameters.put("archiveMove", layout.archive(binding.name()) + "/${file:name}");
            } else {
                parameters.put("deleteInput", "true");
            }
            context.addRouteFromTemplate("inbox-" + binding.name(), "inbox", parameters);
            LOG.info("inbox {} -> {} {}", binding.name(), binding.flow().name(), binding.params());
        }
    }

    /**
     * Binds the inbox's worker threads and returns the bean reference. Enough threads that, while every worker runs
     * a full batch, the next batch can gather and finished files be committed: {@code (workers + 1)} batches plus
     * one thread per worker (with batches of one, about two threads per worker). The queue is only a hand-off.
     */
    private static String threadsBean(CamelContext context, String inbox, int workers, int filesPerProcess) {
        String bean = "inboxThreads-" + inbox;
        int threads = (workers + 1) * filesPerProcess + workers;
        context.getRegistry().bind(bean, InboxThreads.create(context, inbox, threads, 4 * workers));
        return "#" + bean;
    }
}
