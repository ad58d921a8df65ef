package org.darkroom.magick.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecResult;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.magick.ProcessText;
import org.darkroom.magick.UnfinishedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One confined run of an outside tool around camel-exec, shared by {@link Decoding} and {@link JxlEncoding}: the
 * headers that start it, and how it ended, read back and turned into a coded error when it failed.
 */
final class ToolRun {
    private static final String STARTED = "darkroom.toolStarted";
    private static final Logger LOG = LoggerFactory.getLogger(ToolRun.class);

    private ToolRun() {
    }

    /** How a run ended: its exit status (none when it was killed), what it wrote on stderr, how long it took. */
    record Ended(String tool, Integer exit, String stderr, long elapsedMillis) {
        boolean succeeded() {
            return exit != null && exit == 0;
        }

        /**
         * The error for a run that did not do its job: a stop or a full disk if that is what ended it, else
         * {@code timeout} when it ran out of time (with {@code timeoutSentence}), else {@code otherwise}.
         */
        DarkroomException error(UnfinishedRun unfinished, long timeoutMillis, String timeoutSentence,
                                Supplier<DarkroomException> otherwise) {
            LOG.info("{} exited {} after {} ms: {}", tool, exit, elapsedMillis, ProcessText.abbreviate(stderr));
            return unfinished.of(stderr).orElseGet(() -> elapsedMillis >= timeoutMillis
                    ? new DarkroomException(ErrorCode.TIMEOUT, timeoutSentence, tool + " timed out")
                    : otherwise.get());
        }

        /** The log detail of a failed run. */
        String detail() {
            return tool + " exited " + exit + ": " + ProcessText.abbreviate(stderr);
        }
    }

    /** Sets the command line, its time limit and working directory for the exec endpoint, and starts the clock. */
    static void prepare(Exchange exchange, List<String> commandLine, Path home, long timeoutMillis) {
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_ARGS, commandLine);
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_TIMEOUT, timeoutMillis);
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_WORKING_DIR, home.toString());
        exchange.setProperty(STARTED, System.nanoTime());
    }

    /** Reads how {@code tool}'s run ended and clears what the exec endpoint left on the message. */
    static Ended ended(Exchange exchange, String tool) {
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exchange.getProperty(STARTED, Long.class));
        ExecResult result = exchange.getMessage().getBody(ExecResult.class);
        Integer exit = exchange.getMessage().getHeader(ExecBinding.EXEC_EXIT_VALUE, Integer.class);
        String stderr = result == null ? "" : ProcessText.read(result.getStderr());
        exchange.getMessage().removeHeaders("CamelExec*");
        exchange.getMessage().setBody(null);
        return new Ended(tool, exit, stderr, elapsedMillis);
    }
}
