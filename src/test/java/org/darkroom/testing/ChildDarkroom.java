package org.darkroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.Darkroom;

/** Darkroom in its own JVM, so a test can kill it for real (SIGKILL) and start it again. */
public final class ChildDarkroom {
    private final Process process;
    private final Path log;

    private ChildDarkroom(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a child on {@code dataDir} and waits for its ready line. */
    public static ChildDarkroom start(Path dataDir, Path log, Map<String, String> settings) {
        return start(dataDir, log, settings, List.of());
    }

    /** As {@link #start(Path, Path, Map)}, with options for the child's JVM such as {@code -Xmx96m}. */
    public static ChildDarkroom start(Path dataDir, Path log, Map<String, String> settings, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Ddarkroom.home=" + Samples.projectDir(),
                "-cp", System.getProperty("java.class.path"), Darkroom.class.getName()));
        RunningDarkroom.testSettings(dataDir).forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ChildDarkroom child = new ChildDarkroom(process, log);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> child.logText().contains(Darkroom.READY) || !process.isAlive());
            if (!process.isAlive()) {
                throw new AssertionError("Darkroom exited during start-up:\n" + child.logText());
            }
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
