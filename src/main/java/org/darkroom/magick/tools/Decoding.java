package org.darkroom.magick.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.flow.FlowExchange;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.HeaderReader;
import org.darkroom.intake.ImageHeader;
import org.darkroom.magick.MagickEnvironment;
import org.darkroom.magick.UnfinishedRun;

/**
 * Decodes an input ImageMagick must not or cannot read (SVG, camera raw, JPEG XL) into plain pixels before any flow
 * sees it, with the outside tool {@link Decoders} names, run like ImageMagick: no shell, a clean environment, killed
 * with the service, its memory capped, a timeout, a private working directory, a worker permit. The size is
 * Darkroom's, read from the input's header and limited at intake, and the decoded image must match it
 * ({@link Decoder.SizeRule}). From then on the input is that plain image; ImageMagick's SVG, MVG and raw coders stay
 * denied by the policy.
 *
 * <p>Route steps of {@code decode-input} around camel-exec, like {@code MagickRunner}'s.
 */
public final class Decoding {
    /** The bean name the flow routes refer to. */
    public static final String BEAN = "decoding";
    private static final String STDIN = "darkroom.decoderStdin";
    private static final String DECODER = "darkroom.decoder";

    private final Decoders decoders;
    private final MagickEnvironment environment;
    private final long timeoutMillis;
    private final UnfinishedRun unfinished;

    public Decoding(Decoders decoders, MagickEnvironment environment, long timeoutMillis, UnfinishedRun unfinished) {
        this.decoders = decoders;
        this.environment = environment;
        this.timeoutMillis = timeoutMillis;
        this.unfinished = unfinished;
    }

    /** Route predicate: whether the exchange's input must be decoded before its flow. */
    public boolean needed(Exchange exchange) {
        return decoders.forType(input(exchange).type()).isPresent();
    }

    /** Sets the decoder's command line, its timeout and, for a document, its stdin. */
    public void prepare(Exchange exchange) {
        unfinished.requireStartable();
        AcceptedImage input = input(exchange);
        Decoder decoder = decoders.forType(input.type()).orElseThrow();
        if (!decoder.installed()) {
            throw new DarkroomException(ErrorCode.UNSUPPORTED_TYPE, "This installation cannot decode "
                    + input.type().coder().toUpperCase(Locale.ROOT) + ": its decoder is missing. Send"
                    + " another image type, or have the operator install " + decoder.debianPackage() + ".",
                    decoder.tool() + " is missing");
        }
        Path home = input.jobDir();
        ToolRun.prepare(exchange, environment.toolCommandLine(decoder.tool(), home,
                decoder.arguments().of(input, decodedFile(input, decoder))), home, timeoutMillis);
        if (decoder.readsStdin()) {
            try {
                InputStream document = Files.newInputStream(input.file());
                exchange.setProperty(STDIN, document);
                exchange.getMessage().setBody(document);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            exchange.getMessage().setBody(null);
        }
        exchange.setProperty(DECODER, decoder);
    }

    /** Replaces the input with the decoded image, or throws a coded error when the decoder failed. */
    public void check(Exchange exchange) {
        AcceptedImage input = input(exchange);
        Decoder decoder = exchange.getProperty(DECODER, Decoder.class);
        ToolRun.Ended run = ToolRun.ended(exchange, decoder.name());
        Path decoded = decodedFile(input, decoder);
        String what = input.type().coder().toUpperCase(Locale.ROOT);
        // LibRaw exits 0 when it fails: what tells is the output it did not write.
        if (!run.succeeded() || !Files.isRegularFile(decoded)) {
            throw run.error(unfinished, timeoutMillis, "Decoding the " + what + " took longer than the time limit."
                    + " Send a simpler image or raise darkroom.magick.timeout-ms.", () -> new DarkroomException(
                    ErrorCode.UNDECODABLE, "The " + what + " could not be decoded; it may be truncated, malformed or"
                    + " use something the decoder refuses. Send a complete, valid file.", run.detail()));
        }
        ImageHeader header = HeaderReader.read(decoded, decoder.output());
        if (header.type() != decoder.output() || !decoder.size().holds(input.header(), header)) {
            throw new DarkroomException(ErrorCode.PROCESSING_FAILED, null, decoder.name() + " wrote a "
                    + header.type() + " of " + header.width() + "×" + header.height() + " for a header of "
                    + input.header().width() + "×" + input.header().height());
        }
        exchange.setProperty(FlowExchange.INPUT, input.decodedAs(decoded, header));
    }

    /** Route step for the failure path: a document's stream is closed however the decoder ended. */
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

    private static Path decodedFile(AcceptedImage input, Decoder decoder) {
        return input.jobDir().resolve("decoded." + decoder.output().extension());
    }

    private static AcceptedImage input(Exchange exchange) {
        return exchange.getProperty(FlowExchange.INPUT, AcceptedImage.class);
    }
}
