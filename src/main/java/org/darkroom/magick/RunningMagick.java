package org.darkroom.magick;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.exec.ProcessDestroyer;

/**
 * The ImageMagick processes running now, so a stop can end the ones that outlast its grace period.
 *
 * <p>It replaces camel-exec's default {@code ShutdownHookProcessDestroyer}, which registers a JVM shutdown hook that
 * kills every running process the moment SIGTERM arrives, in parallel with Camel's graceful stop: jobs that had time
 * to finish were killed and reported as {@code processing_failed}. This one registers no hook; only
 * {@link #stopAll()} ends processes.
 */
public final class RunningMagick implements ProcessDestroyer {
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    @Override
    public boolean add(Process process) {
        running.add(process);
        if (stopped) {
            // Started in the instant the stop ended the others: it must not outlive them.
            process.destroyForcibly();
        }
        return true;
    }

    @Override
    public boolean remove(Process process) {
        return running.remove(process);
    }

    @Override
    public int size() {
        return running.size();
    }

    /** Ends every running ImageMagick process, and any started from now on; returns how many were running. */
    public int stopAll() {
        stopped = true;
        int count = running.size();
        running.forEach(Process::destroyForcibly);
        return count;
    }
}
