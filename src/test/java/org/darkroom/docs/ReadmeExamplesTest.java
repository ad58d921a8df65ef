package org.darkroom.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.darkroom.testing.Identify;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.darkroom.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's curl examples work as pasted: each one runs with the real curl against a real service (the tiny
 * vision bundle loaded), from a folder laid out like the repository, and uses only options that the curl of the
 * oldest platform the README names has.
 */
class ReadmeExamplesTest {
    /**
     * Every curl option the README may use: each exists since curl 7.76 ({@code --fail-with-body} is the newest),
     * the README's floor; Ubuntu 22.04 ships 7.81. Newer ones such as {@code --url-query} (7.87) or {@code --json}
     * (7.82) fail there, so a new option must be checked against that floor before it is added here.
     */
    private static final Set<String> OPTIONS_OF_CURL_7_76 = Set.of("-sS", "--fail-with-body", "--data-binary", "-H",
            "-D", "-o", "-F", "--form-string", "-d");
    private static final Pattern OPTION = Pattern.compile("(?<=\\s)(--?[A-Za-z][-A-Za-z]*)(?=\\s)");
    private static final Pattern OUTPUT = Pattern.compile("\\s-o (\\S+)");

    @TempDir
    Path dir;

    /** The commands of the README's {@code sh} blocks, continuation lines joined, comments kept (bash skips them). */
    private static List<String> curlExamples() throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inShell = false;
        StringBuilder command = new StringBuilder();
        for (String line : Files.readAllLines(Samples.projectDir().resolve("README.md"))) {
            if (line.startsWith("```")) {
                inShell = line.equals("```sh");
                continue;
            }
            if (!inShell) {
                continue;
            }
            if (line.endsWith("\\")) {
                command.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            command.append(line);
            if (command.toString().startsWith("curl ")) {
                commands.add(command.toString());
            }
            command.setLength(0);
        }
        return commands;
    }

    @Test
    void the_examples_use_only_options_the_oldest_supported_curl_has() throws IOException {
        List<String> examples = curlExamples();
        assertThat(examples).hasSizeGreaterThan(10);
        for (String example : examples) {
            String withoutComment = example.replaceAll("\\s#.*$", " ");
            Matcher option = OPTION.matcher(" " + withoutComment + " ");
            while (option.find()) {
                assertThat(OPTIONS_OF_CURL_7_76).as("option %s in: %s", option.group(1), example)
                        .contains(option.group(1));
            }
        }
    }

    @Test
    void every_example_that_reaches_only_this_machine_works_as_pasted() throws Exception {
        Files.createSymbolicLink(dir.resolve("samples"), Samples.projectDir().resolve("samples"));
        try (RunningDarkroom darkroom = RunningDarkroom.start(dir.resolve("data"), TinyModel.settings())) {
            int ran = 0;
            for (String example : curlExamples()) {
                if (example.contains("\"url\":") || example.contains("<key>")) {
                    continue; // needs the internet or a configured key
                }
                String command = example.replace("127.0.0.1:8080", "127.0.0.1:" + darkroom.port());
                Process curl = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                        .redirectErrorStream(true).start();
                String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(curl.exitValue()).as("%s%n%s", example, output).isZero();
                assertThat(output).as(example).doesNotContain("urn:darkroom:error:");
                Matcher saved = OUTPUT.matcher(command);
                if (saved.find()) {
                    assertThat(Identify.of(dir.resolve(saved.group(1))).width()).as(example).isPositive();
                }
                ran++;
            }
            assertThat(ran).isGreaterThan(10);
        }
    }

    @Test
    void the_tiny_bundle_command_finds_its_sha256() throws Exception {
        String readme = Files.readString(Samples.projectDir().resolve("README.md"));
        Matcher substitution = Pattern.compile("--model-sha256 \"\\$\\((awk [^)]*)\\)\"").matcher(readme);
        assertThat(substitution.find()).as("README shows how to start with the tiny bundle").isTrue();
        Process awk = new ProcessBuilder("bash", "-c", substitution.group(1))
                .directory(Samples.projectDir().toFile()).start();
        String sha256 = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(awk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sha256).isEqualTo(TinyModel.sha256());
    }
}
