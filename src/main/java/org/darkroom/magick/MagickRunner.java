package org.darkroom.magick;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecResult;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.DiskSpace;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.GracefulStop;
import org.darkroom.flow.OutOfSpace;
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
    private static final int MAX_LOGGED_STDERR = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(MagickRunner.class);

    private final MagickEnvironment environment;
    private final long timeoutMillis;
    private final MagickMetrics metrics;
    private final GracefulStop stop;
    private final DiskSpace disk;

    public MagickRunner(MagickEnvironment environment, long timeoutMillis, MagickMetrics metrics, GracefulStop stop,
                        DiskSpace disk) {
        this.environment = environment;
        this.timeoutMillis = timeoutMillis;
        this.metrics = metrics;
        this.stop = stop;
        this.disk = disk;
    }

    /** Turns the {@link MagickJob} body into exec's argument list; nothing is sent on stdin. */
    public void prepare(Exchange exchange) {
        // Checked once the worker permit is held: a job that waited for one through the start of a stop, or while
        // the disk filled up, does not start.
        stop.requireRunning();
        disk.requireRoom();
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
        String stderr = result == null ? "" : read(result.getStderr());
        exchange.getMessage().removeHeaders("CamelExec*");
        if (exit == null || exit != 0) {
            DarkroomException error = unfinished(stderr).orElseGet(
                    () -> MagickErrors.classify(stderr, elapsedMillis >= timeoutMillis));
            LOG.info("ImageMagick exited {} after {} ms ({}): {}", exit, elapsedMillis, error.code().code(),
                    abbreviate(stderr));
            throw error;
        }
        if (!Files.isRegularFile(job.output())) {
            LOG.warn("ImageMagick exited 0 without writing its output: {}", abbreviate(stderr));
            throw new DarkroomException(ErrorCode.PROCESSING_FAILED);
        }
        LOG.debug("ImageMagick finished in {} ms", elapsedMillis);
        exchange.getMessage().setBody(job);
    }

    /** A job the stop ended, or one that could not write its output for want of space: no fault of the input. */
    private Optional<DarkroomException> unfinished(String stderr) {
        if (stop.isStopping()) {
            return Optional.of(new DarkroomException(ErrorCode.NOT_READY, GracefulStop.MESSAGE,
                    "ImageMagick ended by the stop"));
        }
        if (stderr.toLowerCase(Locale.ROOT).contains("no space left") || disk.isShort()) {
            disk.ranOutOfSpace();
            return Optional.of(new OutOfSpace("ImageMagick could not write: " + abbreviate(stderr), null));
        }
        return Optional.empty();
    }

    private static String read(InputStream stream) {
        if (stream == null) {
            return "";
        }
        try (stream) {
            return new String(stream.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replace('\n', ' ');
        return flat.length() <= MAX_LOGGED_STDERR ? flat : flat.substring(0, MAX_LOGGED_STDERR) + "…";
    }
}
