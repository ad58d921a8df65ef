package org.darkroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.darkroom.Darkroom;
import org.darkroom.startup.ReadyLine;

/** Darkroom in its own JVM, so a test can kill it for real (SIGKILL) and start it again. */
public final class ChildDarkroom {
    /**
     * Children still running when the test JVM ends, whatever the test did: a test that failed before it stopped
     * its child must not leave a service running on the machine (killed with their ImageMagick processes).
     */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }), "child-darkroom-reaper"));
    }

    private final Process process;
    private final Path log;

    private ChildDarkroom(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** How a child that was expected to refuse its start ended: its exit status and all it wrote. */
    public record Exit(int status, String output) {
    }

    /** Starts a child on {@code dataDir} and waits for its ready line. */
    public static ChildDarkroom start(Path dataDir, Path log, Map<String, String> settings) {
        return start(dataDir, log, settings, List.of());
    }

    /** As {@link #start(Path, Path, Map)}, with options for the child's JVM such as {@code -Xmx96m}. */
    public static ChildDarkroom start(Path dataDir, Path log, Map<String, String> settings, List<String> jvmOptions) {
        return start(dataDir, log, settings, jvmOptions, List.of());
    }

    /** As {@link #start(Path, Path, Map, List)}, with {@code args} (such as {@code --config FILE}) after the settings. */
    public static ChildDarkroom start(Path dataDir, Path log, Map<String, String> settings, List<String> jvmOptions,
                                      List<String> args) {
        List<String> command = command(jvmOptions, dataDir, settings, args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
            ChildDarkroom child = new ChildDarkroom(process, log);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> child.logText().contains(ReadyLine.TEXT) || !process.isAlive());
            if (!process.isAlive()) {
                throw new AssertionError("Darkroom exited during start-up:\n" + child.logText());
            }
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a child that should refuse to start, with {@code args} after the test settings (so they win) and
     * {@code environment} added to its environment, and waits for it to exit. A child still running after the
     * deadline is killed and fails the test.
     */
    public static Exit expectExit(Path dataDir, Path log, List<String> args, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command(List.of(), dataDir, Map.of(), args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("Darkroom did not stop within 60 s:\n" + Files.readString(log));
            }
            return new Exit(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> command(List<String> jvmOptions, Path dataDir, Map<String, String> settings,
                                        List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As the launcher starts it: ONNX Runtime's native code needs more than the default thread stack.
                "-Xss8m",
                // Its temporary files go where this JVM's do (the build directory), not to /tmp.
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Ddarkroom.home=" + Samples.projectDir(),
                "-cp", System.getProperty("java.class.path"), Darkroom.class.getName()));
        RunningDarkroom.testSettings(dataDir).forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        command.addAll(args);
        return command;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight is cut off. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the graceful stop a service manager sends. */
    public int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    public long pid() {
        return process.pid();
    }
}
