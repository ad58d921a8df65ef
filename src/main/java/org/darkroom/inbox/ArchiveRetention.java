package org.darkroom.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes archived inputs older than {@code darkroom.drop.archive} days, at start and every hour. An input's age in
 * {@code archive/} counts from when it was moved there: its status-change time, which the move sets (its modification
 * time is the one it arrived with, which may be years old).
 */
public final class ArchiveRetention extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final CamelContext context;
    private final List<Path> archives;
    private final Duration kept;
    private ScheduledExecutorService timer;

    public ArchiveRetention(CamelContext context, List<Path> archives, ArchivePolicy policy) {
        this.context = context;
        this.archives = List.copyOf(archives);
        this.kept = Duration.ofDays(policy.keepDays());
    }

    @Override
    protected void doStart() {
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "archive-retention");
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep(Instant.now());
            } catch (RuntimeException e) {
                LOG.warn("Sweeping the archive failed; trying again in {}: {}", EVERY, e.toString());
            }
        }, 0, EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
        }
    }

    /** Deletes what was archived before {@code now} minus the retention; returns how many files went. */
    public int sweep(Instant now) {
        Instant cutoff = now.minus(kept);
        int deleted = 0;
        for (Path archive : archives) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(archive)) {
                for (Path file : files) {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && archivedAt(file).isBefore(cutoff)) {
                        deleted += Files.deleteIfExists(file) ? 1 : 0;
                    }
                }
            } catch (NoSuchFileException e) {
                // an archive folder removed by hand: nothing to keep or sweep
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (deleted > 0) {
            LOG.info("Deleted {} archived input(s) kept longer than {} days", deleted, kept.toDays());
        }
        return deleted;
    }

    private static Instant archivedAt(Path file) throws IOException {
        return ((FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant();
    }
}
