package org.darkroom.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes from the work area what processes that died left behind, and nothing a live process still owns.
 *
 * <p>A subdirectory is removed only while its owner lock is held by the sweeper, so the owner cannot be alive,
 * and a process claiming the same directory at that moment finds its lock taken and claims another. Plain files
 * and links at the top of the area belong to no one (older versions staged records there) and go too.
 */
final class DeadRuns {
    private static final Logger LOG = LoggerFactory.getLogger(DeadRuns.class);

    private DeadRuns() {
    }

    static void sweep(Path area) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(area)) {
            entries = list.toList();
        }
        int removed = 0;
        for (Path entry : entries) {
            if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(entry);
                continue;
            }
            Optional<ProcessLock> lock = ProcessLock.tryTake(entry.resolve(WorkArea.OWNER_LOCK));
            if (lock.isEmpty()) {
                LOG.debug("work area: {} belongs to a live process, kept", entry.getFileName());
                continue;
            }
            try {
                JobDir.deleteTree(entry);
                removed++;
            } finally {
                lock.get().close();
            }
        }
        if (removed > 0) {
            LOG.info("work area: removed {} director{} left by runs that ended without stopping", removed,
                    removed == 1 ? "y" : "ies");
        }
    }
}
