package org.darkroom.magick.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecResult;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.magick.MagickEnvironment;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.ProcessText;
import org.darkroom.magick.UnfinishedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes JPEG XL, which ImageMagick 6 cannot: ImageMagick writes a plain PNG ({@link MagickJob#encoding()}) and
 * libjxl's {@code cjxl} encodes it, run like ImageMagick (clean environment, killed with the service, memory cap,
 * timeout, worker permit, private directory, one thread). Route steps of {@code encode-output}.
 */
public final class JxlEncoding {
    /** The bean name the flow routes refer to. */
    public static final String BEAN = "jxlEncoding";
    private static final String JOB = "darkroom.encodedJob";
    private static final String STARTED = "darkroom.encoderStarted";
    private static final Logger LOG = LoggerFactory.getLogger(JxlEncoding.class);

    private final Path encoder;
    private final MagickEnvironment environment;
    private final long timeoutMillis;
    private final UnfinishedRun unfinished;

    /** @param toolsDir where {@code cjxl} is looked for ({@code darkroom.magick.tools-dir}) */
    public JxlEncoding(Path toolsDir, MagickEnvironment environment, long timeoutMillis, UnfinishedRun unfinished) {
        this.encoder = toolsDir.resolve("cjxl");
        this.environment = environment;
        this.timeoutMillis = timeoutMillis;
        this.unfinished = unfinished;
    }

    /** Whether this installation writes JPEG XL; without it, {@code format=jxl} is not in the catalog. */
    public boolean installed() {
        return Files.isExecutable(encoder);
    }

    /** Route predicate: whether ImageMagick's output still has to be encoded. */
    public boolean needed(Exchange exchange) {
        MagickJob job = exchange.getMessage().getBody(MagickJob.class);
        return job != null && job.encoding() != null;
    }

    /** Sets the encoder's command line and timeout; the job waits in a property. */
    public void prepare(Exchange exchange) {
        unfinished.requireStartable();
        MagickJob job = exchange.getMessage().getBody(MagickJob.class);
        exchange.setProperty(JOB, job);
        Path home = job.output().getParent();
        List<String> args = List.of(job.encoding().written().toString(), job.output().toString(),
                "--quality=" + job.encoding().quality(), "--num_threads=0", "--quiet");
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_ARGS, environment.toolCommandLine(encoder, home, args));
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_TIMEOUT, timeoutMillis);
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_WORKING_DIR, home.toString());
        exchange.getMessage().setBody(null);
        exchange.setProperty(STARTED, System.nanoTime());
    }

    /** Hands the job on once its JPEG XL is written, or throws a coded error; the plain PNG is removed either way. */
    public void check(Exchange exchange) {
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exchange.getProperty(STARTED, Long.class));
        MagickJob job = exchange.getProperty(JOB, MagickJob.class);
        ExecResult result = exchange.getMessage().getBody(ExecResult.class);
        Integer exit = exchange.getMessage().getHeader(ExecBinding.EXEC_EXIT_VALUE, Integer.class);
        String stderr = result == null ? "" : ProcessText.read(result.getStderr());
        exchange.getMessage().removeHeaders("CamelExec*");
        deleteQuietly(job.encoding().written());
        if (exit == null || exit != 0 || !Files.isRegularFile(job.output())) {
            LOG.info("cjxl exited {} after {} ms: {}", exit, elapsedMillis, ProcessText.abbreviate(stderr));
            throw unfinished.of(stderr).orElseGet(() -> elapsedMillis >= timeoutMillis
                    ? new DarkroomException(ErrorCode.TIMEOUT, "Encoding the JPEG XL took longer than the time limit."
                    + " Ask for a smaller image or raise darkroom.magick.timeout-ms.", "cjxl timed out")
                    : new DarkroomException(ErrorCode.PROCESSING_FAILED, null,
                    "cjxl exited " + exit + ": " + ProcessText.abbreviate(stderr)));
        }
        exchange.getMessage().setBody(job);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
