package org.darkroom.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each inbox's progress while a batch runs: done, failed, in progress, left, and the rate since it began.
 *
 * <p>Every file of a batch is counted exactly once in each line: "in progress" from the moment the door takes it
 * until camel-file has moved it to {@code archive/} or {@code failed/}, then "done" or "failed"; "left" are the
 * other inputs in the inbox folder. A file changes group and a line is counted under one lock, so no file is
 * counted twice or missed while it moves. A batch begins with the first file taken after the inbox was idle and
 * ends when nothing is left or in progress.
 */
public final class BatchProgress extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(BatchProgress.class);

    private final DataLayout layout;
    private final long intervalMillis;
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    /** One inbox's batch; all fields are guarded by the batch itself. */
    private static final class Batch {
        final Set<String> inProgress = new HashSet<>();
        final long startedNanos = System.nanoTime();
        long done;
        long failed;
        boolean ended;
    }

    public BatchProgress(DataLayout layout, long intervalMillis) {
        this.layout = layout;
        this.intervalMillis = intervalMillis;
    }

    /** Counts {@code file} as in progress until its exchange is over and camel-file has moved it out of the inbox. */
    public void track(Exchange exchange, String inbox, String file) {
        Batch batch = join(inbox, file);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange completed) {
                finish(batch, file, true);
            }

            @Override
            public void onFailure(Exchange failed) {
                if (InboxProcessStrategy.isLeftInInbox(failed)) {
                    // Back in the inbox to wait (a stop, a full disk): neither done nor failed.
                    synchronized (batch) {
                        batch.inProgress.remove(file);
                    }
                    return;
                }
                finish(batch, file, false);
            }

            @Override
            public int getOrder() {
                // After camel-file's own completion, which moves the input to archive/ or failed/.
                return Ordered.LOWEST;
            }
        });
    }

    private Batch join(String inbox, String file) {
        while (true) {
            Batch batch = batches.computeIfAbsent(inbox, k -> new Batch());
            synchronized (batch) {
                if (!batch.ended) {
                    batch.inProgress.add(file);
                    return batch;
                }
            }
        }
    }

    private static void finish(Batch batch, String file, boolean done) {
        synchronized (batch) {
            batch.inProgress.remove(file);
            if (done) {
                batch.done++;
            } else {
                batch.failed++;
            }
        }
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
        batches.forEach(this::report);
    }

    private void report(String inbox, Batch batch) {
        synchronized (batch) {
            Set<String> waiting = inputs(layout.inbox(inbox));
            waiting.removeAll(batch.inProgress);
            long left = waiting.size();
            long inProgress = batch.inProgress.size();
            double seconds = Math.max(1e-3, (System.nanoTime() - batch.startedNanos) / 1e9);
            String rate = String.format(Locale.ROOT, "%.1f", (batch.done + batch.failed) / seconds);
            if (left == 0 && inProgress == 0) {
                LOG.info("inbox {}: batch finished: {} done, {} failed in {} s ({} files/s)", inbox, batch.done,
                        batch.failed, String.format(Locale.ROOT, "%.1f", seconds), rate);
                batch.ended = true;
                batches.remove(inbox, batch);
            } else {
                LOG.info("inbox {}: {} done, {} failed, {} in progress, {} left, {} files/s", inbox, batch.done,
                        batch.failed, inProgress, left, rate);
            }
        }
    }

    private static Set<String> inputs(Path inbox) {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(InboxFiles::isCandidate).map(file -> file.getFileName().toString())
                    .collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            return new HashSet<>();
        }
    }
}
