package org.darkroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Third-party tools from npm that tests check Darkroom with (Docker's Containerfile validator, Redocly, Playwright),
 * installed once, at pinned versions, into the build directory: never into the repository, never globally.
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
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
        builder.environment().put("TMPDIR", TMP.toString());
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s:\n"
                    + out.completeOnTimeout("", 5, TimeUnit.SECONDS).join()
                    + err.completeOnTimeout("", 5, TimeUnit.SECONDS).join());
        }
        List<Integer> allowed = new ArrayList<>();
        for (int status : statuses.length == 0 ? new int[] {0} : statuses) {
            allowed.add(status);
        }
        assertThat(allowed).as(String.join(" ", command) + ":\n" + out.join() + err.join())
                .contains(process.exitValue());
        return out.join();
    }

    private static String text(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
