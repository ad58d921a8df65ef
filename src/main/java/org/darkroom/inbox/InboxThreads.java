package org.darkroom.inbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The worker threads of one inbox, made by Camel (so it shuts them down with the context) but with a hand-off of
 * its own: when every thread is busy and the queue is full, the poller waits for room.
 *
 * <p>Camel's {@code callerRunsWhenRejected} would have the poller work the file itself instead, and a drop-folder
 * file may wait seconds for others to share its ImageMagick process: the poller would hand out nothing meanwhile,
 * and the other threads would drain and leave cores idle.
 */
final class InboxThreads {
    private static final long WAIT_STEP_MS = 100;

    private InboxThreads() {
    }

    static ExecutorService create(CamelContext context, String inbox, int threads, int queue) {
        ThreadPoolProfile profile = new ThreadPoolProfile("inbox-" + inbox);
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(queue);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        ExecutorService pool = context.getExecutorServiceManager().newThreadPool(InboxThreads.class,
                "inbox " + inbox, profile);
        if (!(pool instanceof ThreadPoolExecutor executor)) {
            throw new IllegalStateException("Camel made the inbox threads as " + pool.getClass().getName()
                    + ", not a ThreadPoolExecutor");
        }
        executor.setRejectedExecutionHandler(new WaitForRoom());
        return pool;
    }

    /** Puts the task in the queue as soon as there is room, unless the pool is shutting down. */
    private static final class WaitForRoom implements RejectedExecutionHandler {
        @Override
        public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
            try {
                while (!executor.getQueue().offer(task, WAIT_STEP_MS, TimeUnit.MILLISECONDS)) {
                    if (executor.isShutdown()) {
                        throw new RejectedExecutionException("the inbox threads are stopping");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException("interrupted while waiting for an inbox thread", e);
            }
        }
    }
}
