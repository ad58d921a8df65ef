package org.darkroom.magick.batch;

import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecResult;
import org.darkroom.magick.MagickMetrics;
import org.darkroom.magick.ProcessText;
import org.darkroom.magick.UnfinishedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps around camel-exec in the {@code magick-batch} route: sets the one command line and the batch's timeout,
 * then reads how the process ended. Judging the files' outputs is {@link BatchRunner}'s part.
 *
 * <p>Like the {@code magick} route, the route drops inbound {@code CamelExec*} headers first, so only the command
 * line set here runs. No worker permit is taken here: the caller holds one for the whole process.
 */
public final class BatchExec {
    /** The bean name the {@code magick-batch} route refers to. */
    public static final String BEAN = "magickBatch";
    private static final String STARTED = "darkroom.magickBatchStarted";
    private static final Logger LOG = LoggerFactory.getLogger(BatchExec.class);

    private final UnfinishedRun unfinished;
    private final MagickMetrics metrics;

    public BatchExec(UnfinishedRun unfinished, MagickMetrics metrics) {
        this.unfinished = unfinished;
        this.metrics = metrics;
    }

    /** Turns the {@link BatchProcess} body into exec's arguments and timeout; a stop or a full disk refuses it. */
    public void prepare(Exchange exchange) {
        unfinished.requireStartable();
        BatchProcess process = exchange.getMessage().getBody(BatchProcess.class);
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_ARGS, process.commandLine());
        // The header wins over the endpoint's per-file timeout; commons-exec's watchdog kills the process at it.
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_TIMEOUT, process.timeoutMillis());
        exchange.getMessage().setBody(null);
        LOG.debug("mogrify over {} files: {}", process.files(), process.commandLine());
    }

    /** Leaves a {@link BatchExit} as the body. */
    public void check(Exchange exchange) {
        long elapsedNanos = System.nanoTime() - exchange.getProperty(STARTED, Long.class);
        // One sample per process, batch or single: darkroom_magick_duration_seconds is the wall time of ImageMagick
        // processes, so a batch of 16 counts once, with the time of all 16 files.
        metrics.magick(elapsedNanos);
        ExecResult result = exchange.getMessage().getBody(ExecResult.class);
        Integer exit = exchange.getMessage().getHeader(ExecBinding.EXEC_EXIT_VALUE, Integer.class);
        String stderr = result == null ? "" : ProcessText.read(result.getStderr());
        exchange.getMessage().removeHeaders("CamelExec*");
        BatchExit end = new BatchExit(exit, exit != null && exit == 0 ? null : unfinished.of(stderr).orElse(null));
        if (!end.succeeded()) {
            LOG.info("mogrify exited {} after {} ms; its files run alone{}: {}", exit,
                    TimeUnit.NANOSECONDS.toMillis(elapsedNanos), end.unfinished() != null ? " later (not ready)" : "",
                    ProcessText.abbreviate(stderr));
        }
        exchange.getMessage().setBody(end);
    }
}
