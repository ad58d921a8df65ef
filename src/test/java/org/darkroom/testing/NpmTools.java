package org.darkroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Third-party tools from npm that tests check Darkroom with (Docker's Containerfile validator, Redocly), installed
 * once, at pinned versions, into the build directory: never into the repository, never globally.
 */
public final class NpmTools {
    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir")).resolve("npm-tools");

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

    /** Runs a command and returns what it printed; fails the test unless it ends with one of {@code statuses}. */
    public static String run(Path dir, List<String> command, int... statuses) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(out + err).isTrue();
        List<Integer> allowed = new ArrayList<>();
        for (int status : statuses.length == 0 ? new int[] {0} : statuses) {
            allowed.add(status);
        }
        assertThat(allowed).as(String.join(" ", command) + ":\n" + out + err).contains(process.exitValue());
        return out;
    }
}
