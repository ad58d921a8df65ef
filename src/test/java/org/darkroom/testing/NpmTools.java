package org.darkroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Third-party tools from npm that tests check Darkroom with (Docker's Containerfile validator, Redocly, Playwright, MCP
 * clients), installed once, at pinned versions, into the build directory: never into the repository, never globally.
 */
public final class NpmTools {
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static final Path DIR = TMP.resolve("npm-tools");
    private static final long TIMEOUT_SECONDS = 300;

    private NpmTools() {
    }

    /** The {@code node_modules} folder holding {@code name} at {@code version}, installing it if it is not there. */
    public static synchronized Path install(String name, String version) throws Exception {
        Path installed = DIR.resolve("node_modules").resolve(name).resolve("package.json");
        if (!Files.isRegularFile(installed) || !Files.readString(installed).contains("\"version\": \"" + version + "\"")) {
            Files.createDirectories(DIR);
            run(DIR, List.of("npm", "install", "--no-audit", "--no-fund", "--silent", name + "@" + version));
        }
        return DIR.resolve("node_modules");
    }

    /**
     * Runs a command and returns what it printed; fails the test unless it ends with one of {@code statuses}. Its
     * temporary files go to the build directory ({@code TMPDIR}); one still running after five minutes is killed
     * with every process it started (a browser, say), and fails the test.
     */
    public static String run(Path dir, List<String> command, int... statuses) throws IOException, InterruptedException {
        Ran ran = runBounded(dir, command, Map.of("TMPDIR", TMP.toString()), Duration.ofSeconds(TIMEOUT_SECONDS));
        List<Integer> allowed = new ArrayList<>();
        for (int status : statuses.length == 0 ? new int[] {0} : statuses) {
            allowed.add(status);
        }
        assertThat(allowed).as(String.join(" ", command) + " (killed after " + TIMEOUT_SECONDS + " s if still"
                + " running):\n" + ran.out() + ran.err()).contains(ran.status());
        return ran.out();
    }

    /** How a {@link #runBounded} command ended: its status and what it wrote to stdout and stderr. */
    public record Ran(int status, String out, String err) {
    }

    /**
     * Runs a command that may start processes of its own (an MCP client starting a server), with {@code environment}
     * added, its output kept in {@code dir} until it is read. Whatever it started is killed when it ends, and it too after
     * {@code timeout}: a child it left behind is found even after it was handed to init.
     */
    public static Ran runBounded(Path dir, List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out-", ".txt");
        Path err = Files.createTempFile(dir, "err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Set<ProcessHandle> started = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                process.descendants().forEach(started::add);
            }
        } finally {
            process.descendants().forEach(started::add);
            process.destroyForcibly().waitFor();
            for (ProcessHandle child : started) {
                child.destroyForcibly();
                try {
                    child.onExit().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new AssertionError("process " + child.pid() + " outlived its kill", e);
                }
            }
        }
        try {
            return new Ran(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
