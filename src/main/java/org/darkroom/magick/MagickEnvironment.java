package org.darkroom.magick;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The clean environment every ImageMagick process starts in, expressed as an argv prefix for {@code /usr/bin/env}.
 *
 * <p>camel-exec has no option for a child's environment, and the JVM's own environment may hold secrets, so each
 * command runs as {@code env -i NAME=value … setpriv --pdeathsig KILL -- prlimit --as=BYTES -- binary args}: no shell, nothing inherited,
 * our policy directory first on ImageMagick's configuration path, temporary files kept in our private work area.
 *
 * <p>{@code setpriv} (util-linux) asks the kernel to kill ImageMagick when its parent dies, so no process outlives
 * the service, not even after a {@code kill -9} of the JVM. Each program in the chain replaces itself with the
 * next ({@code exec}), so ImageMagick keeps the pid the JVM started and the JVM stays its parent. The kernel's
 * "parent" is the JVM <em>thread</em> that started the process: camel-exec waits for the process on that same
 * thread (commons-exec runs it synchronously), so the thread cannot end while the job is still running.
 *
 * <p>{@code prlimit} (util-linux, same exec chain) caps the address space of every process from outside
 * ImageMagick, so what ImageMagick does not count (a decoder's own buffers, inflated metadata) is bounded too: past
 * the cap an allocation fails and the job ends instead of the machine swapping.
 *
 * <p>Each job also gets ImageMagick's own limits from the configured ones: {@code list-length} one above the frame
 * limit (ImageMagick refuses a list that reaches its limit), {@code area} at the pixel limit, and, for planned jobs,
 * {@code width} and {@code height} at the widest and tallest image the plan may hold (with room for filters' row
 * views, {@link JobShape#widthLimit()}), so a decoder that finds more
 * pixels than the header declared stops before allocating them.
 *
 * @param timeLimitSeconds ImageMagick's own time limit ({@code -limit time}), the backstop of the Java timeout
 * @param maxMemoryBytes   the address space each ImageMagick process may use ({@code prlimit --as})
 * @param maxFrames        the frame limit intake applies, which ImageMagick's list-length must let through
 * @param maxPixels        the pixel limit intake applies
 */
public record MagickEnvironment(Path binary, Path policyDir, Path temporaryDir, int threads, int timeLimitSeconds,
                                long maxMemoryBytes, int maxFrames, long maxPixels) {
    public static final String ENV = "/usr/bin/env";
    public static final String SETPRIV = "/usr/bin/setpriv";
    public static final String PRLIMIT = "/usr/bin/prlimit";
    /** The default address-space cap: the policy's memory and map limits (768 MiB + 1 GiB) plus room for code. */
    public static final long DEFAULT_MAX_MEMORY = 2560L * 1024 * 1024;

    /** An environment with the default memory cap and intake limits. */
    public MagickEnvironment(Path binary, Path policyDir, Path temporaryDir, int threads, int timeLimitSeconds) {
        this(binary, policyDir, temporaryDir, threads, timeLimitSeconds, DEFAULT_MAX_MEMORY, 64, 50_000_000L);
    }

    /** ImageMagick stops reading at a list as long as its limit, so it must be one above the frames allowed. */
    public int listLength() {
        return maxFrames + 1;
    }

    /**
     * ImageMagick's time limit for a Java timeout of {@code timeoutMillis}: two seconds more, so the Java timeout
     * normally fires first (ImageMagick counts whole seconds from its own start and may stop up to a second early).
     */
    public static int timeLimitAbove(long timeoutMillis) {
        return (int) Math.min(Integer.MAX_VALUE, (timeoutMillis + 999) / 1000 + 2);
    }

    /** The arguments for {@code /usr/bin/env} that run an image job: {@code args} plus the settings every job gets. */
    public List<String> jobCommandLine(List<String> args) {
        return jobCommandLine(new MagickJob(args, null, null));
    }

    /** The arguments for {@code /usr/bin/env} that run {@code job} under its own limits. */
    public List<String> jobCommandLine(MagickJob job) {
        List<String> withSettings = settings(job.shape(), timeLimitSeconds);
        withSettings.addAll(job.args());
        return commandLine(withSettings);
    }

    /**
     * The arguments for {@code /usr/bin/env} that run {@code program} (such as {@code mogrify}, see
     * {@link MagickBinary#mogrify}) over several files with the settings every job gets: the width and height
     * limits of {@code widest} (the largest of the files' shapes) and a time limit for the whole process, which
     * the policy's own time limit still caps.
     */
    public List<String> batchCommandLine(List<String> program, JobShape widest, int timeLimitSeconds,
                                         List<String> args) {
        List<String> withSettings = settings(widest, timeLimitSeconds);
        withSettings.addAll(args);
        return commandLine(program, withSettings);
    }

    private List<String> settings(JobShape shape, int timeLimit) {
        List<String> settings = new ArrayList<>();
        // -regard-warnings turns "corrupt data" warnings into a failure: a truncated JPEG must not pass as a
        // half-grey success. -limit thread keeps each process to its share of the cores we run in parallel.
        settings.addAll(List.of("-regard-warnings", "-limit", "thread", Integer.toString(threads),
                "-limit", "time", Integer.toString(timeLimit),
                "-limit", "list-length", Integer.toString(listLength()),
                "-limit", "area", Long.toString(maxPixels)));
        if (shape != null) {
            settings.addAll(List.of("-limit", "width", Long.toString(shape.widthLimit()),
                    "-limit", "height", Long.toString(shape.heightLimit())));
        }
        return settings;
    }

    /** The arguments for {@code /usr/bin/env} that run {@code binary} with exactly {@code args} in the clean environment. */
    public List<String> commandLine(List<String> args) {
        return commandLine(List.of(binary.toString()), args);
    }

    /**
     * The arguments for {@code /usr/bin/env} that run another program (a renderer that turns an input ImageMagick
     * must not decode into plain pixels) under the same discipline: nothing inherited but {@code PATH}, killed with
     * the service, its address space capped. {@code home} is a private directory, so the program's caches (fontconfig's)
     * land there and nowhere shared.
     */
    public List<String> toolCommandLine(Path tool, Path home, List<String> args) {
        return confined(List.of("HOME=" + home, "XDG_CACHE_HOME=" + home), List.of(tool.toString()), args);
    }

    private List<String> commandLine(List<String> program, List<String> args) {
        return confined(List.of("MAGICK_CONFIGURE_PATH=" + policyDir, "MAGICK_TEMPORARY_PATH=" + temporaryDir),
                program, args);
    }

    /** {@code env -i PATH=… variables… setpriv --pdeathsig KILL -- prlimit --as=… -- program args}. */
    private List<String> confined(List<String> variables, List<String> program, List<String> args) {
        List<String> line = new ArrayList<>(List.of("-i", "PATH=/usr/bin:/bin"));
        line.addAll(variables);
        line.addAll(List.of(SETPRIV, "--pdeathsig", "KILL", "--", PRLIMIT, "--as=" + maxMemoryBytes, "--"));
        line.addAll(program);
        line.addAll(args);
        return line;
    }
}
