package org.darkroom.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.darkroom.magick.MagickEnvironment;
import org.darkroom.magick.MagickJob;

/**
 * Runs one planned ImageMagick job outside Camel, the way the service runs it: the {@link MagickEnvironment}'s
 * command line ({@code env -i}, the policy directory, the memory cap and the job's limits). For tests and
 * benchmarks that need a job's output without a running Darkroom.
 */
public final class MagickProcess {
    private static final long TIMEOUT_SECONDS = 120;

    private MagickProcess() {
    }

    /** The system's ImageMagick under the project's policy, with the default limits. */
    public static MagickEnvironment environment(Path projectDir, Path temporaryDir) {
        return new MagickEnvironment(Path.of("/usr/bin/convert"), projectDir.resolve("policy"), temporaryDir,
                Runtime.getRuntime().availableProcessors(), MagickEnvironment.timeLimitAbove(TIMEOUT_SECONDS * 1000));
    }

    /** Runs {@code job} and returns its output file; fails with ImageMagick's message if it does not succeed. */
    public static Path run(MagickEnvironment environment, MagickJob job) {
        List<String> command = new ArrayList<>(List.of(MagickEnvironment.ENV));
        command.addAll(environment.jobCommandLine(job));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("ImageMagick did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ImageMagick failed: " + out);
            }
            return job.output();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
