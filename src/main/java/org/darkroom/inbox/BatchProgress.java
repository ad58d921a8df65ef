package org.darkroom.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each inbox's progress while a batch runs: done, failed, left, and the rate since the batch began.
 *
 * <p>A batch begins with the first file finished after the inbox was idle and ends when the inbox is empty again;
 * "left" counts the files still in the inbox folder, including those being processed.
 */
public final class BatchProgress extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(BatchProgress.class);

    private final DataLayout layout;
    private final long intervalMillis;
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    private static final class Batch {
        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile long startedNanos = System.nanoTime();
    }

    public BatchProgress(DataLayout layout, long intervalMillis) {
        this.layout = layout;
        this.intervalMillis = intervalMillis;
    }

    public void done(String inbox) {
        batches.computeIfAbsent(inbox, k -> new Batch()).done.incrementAndGet();
    }

    public void failed(String inbox) {
        batches.computeIfAbsent(inbox, k -> new Batch()).failed.incrementAndGet();
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "darkroom-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        report();
    }

    void report() {
        batches.forEach((inbox, batch) -> {
            long done = batch.done.get();
            long failed = batch.failed.get();
            long left = waiting(layout.inbox(inbox));
            double seconds = Math.max(1e-3, (System.nanoTime() - batch.startedNanos) / 1e9);
            String rate = String.format(Locale.ROOT, "%.1f", (done + failed) / seconds);
            if (left == 0) {
                LOG.info("inbox {}: batch finished: {} done, {} failed in {} s ({} files/s)", inbox, done, failed,
                        String.format(Locale.ROOT, "%.1f", seconds), rate);
                batches.remove(inbox, batch);
            } else {
                LOG.info("inbox {}: {} done, {} failed, {} left, {} files/s", inbox, done, failed, left, rate);
            }
        });
    }

    private static long waiting(Path inbox) {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(InboxFiles::isCandidate).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
