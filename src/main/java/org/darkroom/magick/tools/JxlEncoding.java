package org.darkroom.magick.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.magick.MagickEnvironment;
import org.darkroom.magick.MagickJob;
import org.darkroom.magick.UnfinishedRun;

/**
 * Writes JPEG XL, which ImageMagick 6 cannot: ImageMagick writes a plain PNG ({@link MagickJob#encoding()}) and
 * libjxl's {@code cjxl} encodes it, run like ImageMagick (clean environment, killed with the service, memory cap,
 * timeout, worker permit, private directory, one thread). Route steps of {@code encode-output}.
 */
public final class JxlEncoding {
    /** The bean name the flow routes refer to. */
    public static final String BEAN = "jxlEncoding";
    private static final String JOB = "darkroom.encodedJob";

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
        ToolRun.prepare(exchange, environment.toolCommandLine(encoder, home, args), home, timeoutMillis);
        exchange.getMessage().setBody(null);
    }

    /** Hands the job on once its JPEG XL is written, or throws a coded error; the plain PNG is removed either way. */
    public void check(Exchange exchange) {
        MagickJob job = exchange.getProperty(JOB, MagickJob.class);
        ToolRun.Ended run = ToolRun.ended(exchange, "cjxl");
        delete(job.encoding().written());
        if (!run.succeeded() || !Files.isRegularFile(job.output())) {
            throw run.error(unfinished, timeoutMillis, "Encoding the JPEG XL took longer than the time limit. Ask for"
                    + " a smaller image or raise darkroom.magick.timeout-ms.",
                    () -> new DarkroomException(ErrorCode.PROCESSING_FAILED, null, run.detail()));
        }
        exchange.getMessage().setBody(job);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
