package org.darkroom.flow;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stop (SIGTERM) does to work in progress: jobs running get the shutdown timeout to finish; no new one
 * starts; jobs still running shortly before the timeout are ended and their inputs left where they came from.
 *
 * <p>The jobs are ended a little before Camel's own deadline ({@link #graceMillis}), so that their exchanges still
 * unwind inside the graceful stop: an inbox file is rolled back into its inbox, an HTTP caller is answered
 * {@code 503 not_ready} while the server still runs. Were Camel to reach its deadline first, it would interrupt the
 * threads and the interrupted jobs would look like failed ones.
 */
public final class GracefulStop extends EventNotifierSupport {
    /** The sentence a caller whose job was cut off (or refused) by the stop sees. */
    public static final String MESSAGE = "Darkroom is stopping, so this job was not run to the end."
            + " Send it again once Darkroom is back.";
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    /** Time the ended jobs get to unwind (answer, roll back) before Camel's own deadline. */
    private static final long UNWIND_MILLIS = 3000;

    private final IntSupplier endRunningJobs;
    private final ScheduledExecutorService deadline = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "darkroom-stop-deadline");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    /** {@code endRunningJobs} ends every running job and says how many there were. */
    public GracefulStop(IntSupplier endRunningJobs) {
        this.endRunningJobs = endRunningJobs;
    }

    /** Whether the stop has begun: from then on no job starts and readiness is down. */
    public boolean isStopping() {
        return stopping;
    }

    /** Throws {@code not_ready} once the stop has begun, so a job that has not started yet never does. */
    public void requireRunning() {
        if (stopping) {
            throw new DarkroomException(ErrorCode.NOT_READY, MESSAGE, "refused: the service is stopping");
        }
    }

    /** How long running jobs may take once the stop begins: the shutdown timeout less the time to unwind. */
    static long graceMillis(long shutdownTimeoutMillis) {
        return Math.max(shutdownTimeoutMillis / 2, shutdownTimeoutMillis - UNWIND_MILLIS);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent || event instanceof CamelEvent.CamelContextStoppedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStoppedEvent) {
            deadline.shutdownNow();
            return;
        }
        if (stopping) {
            return;
        }
        stopping = true;
        ShutdownStrategy shutdown = getCamelContext().getShutdownStrategy();
        long grace = graceMillis(shutdown.getTimeUnit().toMillis(shutdown.getTimeout()));
        LOG.info("Stopping: jobs in progress have {} ms to finish; inputs not finished by then stay in their inbox",
                grace);
        deadline.schedule(() -> {
            int ended = endRunningJobs.getAsInt();
            if (ended > 0) {
                LOG.warn("Stopping: ended {} job(s) that did not finish in {} ms; their inputs stay in their inbox"
                        + " and HTTP and MCP callers are told not_ready", ended, grace);
            }
        }, grace, TimeUnit.MILLISECONDS);
    }
}
