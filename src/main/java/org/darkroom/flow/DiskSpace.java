package org.darkroom.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness: the data directory's file system has room for results ({@code darkroom.data.min-free}).
 *
 * <p>Below that room, and for {@code darkroom.data.full-retry-ms} after a job ran out of space, no job starts:
 * inputs wait in their inboxes and HTTP and MCP callers are answered {@code not_ready}; {@code /observe/health}
 * reports DOWN. Work resumes by itself once space returns. Each change of state or reason is logged once.
 */
public final class DiskSpace extends AbstractHealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);
    /** Resolved once: finding a path's file system reads the mount table, and readiness is asked per request. */
    private final FileStore store;
    private final long minFreeBytes;
    private final long retryMillis;
    private volatile long fullUntil;
    private volatile String shortage;

    public DiskSpace(Path dataDir, long minFreeBytes, long retryMillis) {
        super("darkroom", "disk-space");
        try {
            this.store = Files.getFileStore(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot tell which file system holds " + dataDir, e);
        }
        this.minFreeBytes = minFreeBytes;
        this.retryMillis = retryMillis;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    /** Whether there is room to work: a statfs call, cheap enough to ask before every job. */
    public boolean isReady() {
        long free = usableBytes();
        String found = null;
        if (System.currentTimeMillis() < fullUntil) {
            found = "a job ran out of space on the data directory's file system; retrying after darkroom.data.full-retry-ms";
        } else if (free < minFreeBytes) {
            found = "the data directory's file system has " + free + " bytes free, less than darkroom.data.min-free ("
                    + minFreeBytes + ")";
        }
        record(found);
        return found == null;
    }

    /** Throws {@link OutOfSpace} when there is no room to work, so a job that would fail for it never starts. */
    public void requireRoom() {
        if (!isReady()) {
            throw new OutOfSpace("refused: " + shortage, null);
        }
    }

    /** A job ran out of space: no new job starts until space is back, and not before the retry interval. */
    public void ranOutOfSpace() {
        fullUntil = System.currentTimeMillis() + retryMillis;
        isReady();
    }

    /** Whether the file system is below the room jobs need now (a failed write left it so, or it was already). */
    public boolean isShort() {
        return usableBytes() < Math.max(minFreeBytes, 1);
    }

    private long usableBytes() {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    private void record(String found) {
        if (Objects.equals(found, shortage)) {
            return; // the common case, every request: nothing changed, nothing to log, no lock
        }
        recordChange(found);
    }

    private synchronized void recordChange(String found) {
        if (found != null && !found.equals(shortage)) {
            LOG.warn("Not ready: {}; inputs wait in their inboxes", found);
        } else if (shortage != null && found == null) {
            LOG.info("Disk space is back; work resumes");
        }
        shortage = found;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (isReady()) {
            builder.up();
        } else {
            builder.message(shortage).down();
        }
    }
}
