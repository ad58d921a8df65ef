package org.darkroom.magick;

import java.io.IOException;
import java.io.InputStream;
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
import org.darkroom.flow.FlowExchange;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.HeaderReader;
import org.darkroom.intake.ImageHeader;
import org.darkroom.intake.ImageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders an accepted SVG to a PNG before any flow sees it, with {@code rsvg-convert} (librsvg) run like
 * ImageMagick: no shell, a clean environment, killed with the service, its memory capped, a timeout, a private
 * working directory, and the document on stdin, so it has no file name and no directory to resolve a reference
 * against: librsvg then loads no file and fetches nothing, and {@code data:} images alone still work. The size is
 * Darkroom's, from the root element as intake read and limited it ({@code intake/SvgParser}), never the
 * renderer's own. From then on the input is that PNG; ImageMagick's own SVG coders stay denied by the policy.
 *
 * <p>Route steps of {@code render-svg} around camel-exec, like {@link MagickRunner}'s.
 */
public final class SvgRendering {
    /** The bean name the flow routes refer to. */
    public static final String BEAN = "svgRendering";
    /** Where Debian's {@code librsvg2-bin} puts the renderer. */
    public static final Path RENDERER = Path.of("/usr/bin/rsvg-convert");
    private static final String STDIN = "darkroom.svgStdin";
    private static final String STARTED = "darkroom.svgStarted";
    private static final String RENDERED = "rendered.png";
    private static final Logger LOG = LoggerFactory.getLogger(SvgRendering.class);

    private final MagickEnvironment environment;
    private final Path renderer;
    private final long timeoutMillis;
    private final UnfinishedRun unfinished;

    public SvgRendering(MagickEnvironment environment, Path renderer, long timeoutMillis, UnfinishedRun unfinished) {
        this.environment = environment;
        this.renderer = renderer;
        this.timeoutMillis = timeoutMillis;
        this.unfinished = unfinished;
    }

    /** Whether this installation can render SVG at all. */
    public boolean available() {
        return Files.isExecutable(renderer);
    }

    /** Route predicate: whether the exchange's input must be rendered before its flow. */
    public boolean needed(Exchange exchange) {
        return input(exchange).type() == ImageType.SVG;
    }

    /** Sets the renderer's command line, its timeout and the document as its stdin. */
    public void prepare(Exchange exchange) {
        unfinished.requireStartable();
        if (!available()) {
            throw new DarkroomException(ErrorCode.UNSUPPORTED_TYPE, "This installation cannot render SVG: its"
                    + " renderer is missing. Send a raster image, or have the operator install librsvg2-bin.",
                    RENDERER + " is missing");
        }
        AcceptedImage input = input(exchange);
        Path home = input.jobDir();
        List<String> args = List.of("--format=png", "--width=" + input.header().width(),
                "--height=" + input.header().height(), "--output=" + home.resolve(RENDERED));
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_ARGS, environment.toolCommandLine(renderer, home, args));
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_TIMEOUT, timeoutMillis);
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_WORKING_DIR, home.toString());
        try {
            InputStream document = Files.newInputStream(input.file());
            exchange.setProperty(STDIN, document);
            exchange.getMessage().setBody(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchange.setProperty(STARTED, System.nanoTime());
    }

    /** Replaces the input with the rendered PNG, or throws a coded error when the renderer failed. */
    public void check(Exchange exchange) {
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exchange.getProperty(STARTED, Long.class));
        ExecResult result = exchange.getMessage().getBody(ExecResult.class);
        Integer exit = exchange.getMessage().getHeader(ExecBinding.EXEC_EXIT_VALUE, Integer.class);
        String stderr = result == null ? "" : ProcessText.read(result.getStderr());
        exchange.getMessage().removeHeaders("CamelExec*");
        exchange.getMessage().setBody(null);
        AcceptedImage input = input(exchange);
        Path rendered = input.jobDir().resolve(RENDERED);
        if (exit == null || exit != 0 || !Files.isRegularFile(rendered)) {
            LOG.info("rsvg-convert exited {} after {} ms: {}", exit, elapsedMillis, ProcessText.abbreviate(stderr));
            throw unfinished.of(stderr).orElseGet(() -> elapsedMillis >= timeoutMillis
                    ? new DarkroomException(ErrorCode.TIMEOUT, "Rendering the SVG took longer than the time limit."
                    + " Send a simpler drawing or raise darkroom.magick.timeout-ms.", "rsvg-convert timed out")
                    : new DarkroomException(ErrorCode.UNDECODABLE, "The SVG could not be rendered; it may be"
                    + " malformed or use something the renderer refuses. Send a valid SVG document.",
                    "rsvg-convert exited " + exit + ": " + ProcessText.abbreviate(stderr)));
        }
        ImageHeader header = HeaderReader.read(rendered, ImageType.PNG);
        if (header.width() != input.header().width() || header.height() != input.header().height()) {
            throw new DarkroomException(ErrorCode.PROCESSING_FAILED, null, "rsvg-convert rendered "
                    + header.width() + "×" + header.height() + ", asked for " + input.header().width() + "×"
                    + input.header().height());
        }
        exchange.setProperty(FlowExchange.INPUT, input.renderedAs(rendered, header));
    }

    /** Route step for the failure path: the document's stream is closed however the renderer ended. */
    public void closeStdin(Exchange exchange) {
        InputStream document = exchange.getProperty(STDIN, InputStream.class);
        exchange.removeProperty(STDIN);
        if (document != null) {
            try {
                document.close();
            } catch (IOException ignored) {
                // a read-only stream of a private file: nothing is lost
            }
        }
    }

    private static AcceptedImage input(Exchange exchange) {
        return exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class);
    }
}
