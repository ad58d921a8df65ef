package org.darkroom.magick;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The clean environment every ImageMagick process starts in, expressed as an argv prefix for {@code /usr/bin/env}.
 *
 * <p>camel-exec has no option for a child's environment, and the JVM's own environment may hold secrets, so each
 * command runs as {@code env -i NAME=value … binary args}: no shell, nothing inherited, our policy directory
 * first on ImageMagick's configuration path, temporary files kept in our private work area.
 */
public record MagickEnvironment(Path binary, Path policyDir, Path temporaryDir, int threads) {
    public static final String ENV = "/usr/bin/env";

    /** The arguments for {@code /usr/bin/env} that run an image job: {@code args} plus the settings every job gets. */
    public List<String> jobCommandLine(List<String> args) {
        List<String> withSettings = new ArrayList<>();
        // -regard-warnings turns "corrupt data" warnings into a failure: a truncated JPEG must not pass as a
        // half-grey success. -limit thread keeps each process to its share of the cores we run in parallel.
        withSettings.addAll(List.of("-regard-warnings", "-limit", "thread", Integer.toString(threads)));
        withSettings.addAll(args);
        return commandLine(withSettings);
    }

    /** The arguments for {@code /usr/bin/env} that run {@code binary} with exactly {@code args} in the clean environment. */
    public List<String> commandLine(List<String> args) {
        List<String> line = new ArrayList<>();
        line.add("-i");
        line.add("PATH=/usr/bin:/bin");
        line.add("MAGICK_CONFIGURE_PATH=" + policyDir);
        line.add("MAGICK_TEMPORARY_PATH=" + temporaryDir);
        line.add(binary.toString());
        line.addAll(args);
        return line;
    }
}
