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
                    "workers", workers));
            LOG.info("inbox {} -> {} {}", binding.name(), binding.flow().name(), binding.params());
        }
    }
}
