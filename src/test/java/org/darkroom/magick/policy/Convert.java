package org.darkroom.magick.policy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real IM6 {@code /usr/bin/convert} the way Darkroom does: {@code env -i}, argv list, no shell. */
final class Convert {
    static final Path BINARY = Path.of("/usr/bin/convert");

    record Result(int exit, String stdout, String stderr) {
    }

    private Convert() {
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "needs ImageMagick 6 at " + BINARY);
    }

    static Path projectDir() {
        String dir = System.getProperty("darkroom.project.dir");
        return (dir == null ? Path.of("") : Path.of(dir)).toAbsolutePath();
    }

    static Path policyDir() {
        return projectDir().resolve("policy");
    }

    /** {@code configurePath} null runs under the system policy alone, as a process without Darkroom's setup would. */
    static Result run(String configurePath, Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "-i", "PATH=/usr/bin:/bin"));
        if (configurePath != null) {
            command.add("MAGICK_CONFIGURE_PATH=" + configurePath);
        }
        command.add("MAGICK_TEMPORARY_PATH=" + workDir);
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("convert did not finish in 60 s: " + command);
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** {@code convert -list policy} under {@code configurePath} (null: system policy only). */
    static String listPolicy(String configurePath, Path workDir) throws IOException, InterruptedException {
        Result result = run(configurePath, workDir, "-list", "policy");
        if (result.exit() != 0) {
            throw new AssertionError("convert -list policy failed: " + result.stderr());
        }
        return result.stdout();
    }
}
