package org.darkroom.magick;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecResult;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DiskSpace;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.GracefulStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the camel-exec step of the {@code magick} route and judges its outcome.
 *
 * <p>The route removes every inbound {@code CamelExec*} header before {@link #prepare}, so the only command
 * line exec ever sees is the one set here. The exec endpoint checks no exit values itself; {@link #check} does,
 * because it can tell a timeout, a policy refusal and a corrupt input apart from the exit status and stderr.
 * A job that a stop ended, or that could not write for want of space, is {@code not_ready}, not a failure of the
 * input: its input stays in its inbox and the caller may send it again.
 */
public final class MagickRunner {
    public static final String JOB = "darkroom.magickJob";
    private static final String STARTED = "darkroom.magickStarted";
    private static final Logger LOG = LoggerFactory.getLogger(MagickRunner.class);

    private final MagickEnvironment environment;
    private final long timeoutMillis;
    private final MagickMetrics metrics;
    private final UnfinishedRun unfinished;

    public MagickRunner(MagickEnvironment environment, long timeoutMillis, MagickMetrics metrics, GracefulStop stop,
                        DiskSpace disk) {
        this.environment = environment;
        this.timeoutMillis = timeoutMillis;
        this.metrics = metrics;
        this.unfinished = new UnfinishedRun(stop, disk);
    }

    /** Turns the {@link MagickJob} body into exec's argument list; nothing is sent on stdin. */
    public void prepare(Exchange exchange) {
        unfinished.requireStartable();
        MagickJob job = exchange.getMessage().getBody(MagickJob.class);
        exchange.setProperty(JOB, job);
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_ARGS, environment.jobCommandLine(job));
        exchange.getMessage().setBody(null);
        LOG.debug("magick {}", job.args());
    }

    /** Leaves the job as the body when ImageMagick succeeded and wrote its output; otherwise throws a coded error. */
    public void check(Exchange exchange) {
        MagickJob job = exchange.getProperty(JOB, MagickJob.class);
        long elapsedNanos = System.nanoTime() - exchange.getProperty(STARTED, Long.class);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(elapsedNanos);
        metrics.magick(elapsedNanos);
        ExecResult result = exchange.getMessage().getBody(ExecResult.class);
        Integer exit = exchange.getMessage().getHeader(ExecBinding.EXEC_EXIT_VALUE, Integer.class);
        String stderr = result == null ? "" : ProcessText.read(result.getStderr());
        exchange.getMessage().removeHeaders("CamelExec*");
        if (exit == null || exit != 0) {
            DarkroomException error = unfinished.of(stderr).orElseGet(
                    () -> MagickErrors.classify(stderr, elapsedMillis >= timeoutMillis));
            LOG.info("ImageMagick exited {} after {} ms ({}): {}", exit, elapsedMillis, error.code().code(),
                    ProcessText.abbreviate(stderr));
            throw error;
        }
        if (!Files.isRegularFile(job.written())) {
            LOG.warn("ImageMagick exited 0 without writing its output: {}", ProcessText.abbreviate(stderr));
            throw new DarkroomException(ErrorCode.PROCESSING_FAILED);
        }
        LOG.debug("ImageMagick finished in {} ms", elapsedMillis);
        exchange.getMessage().setBody(job);
    }
}
