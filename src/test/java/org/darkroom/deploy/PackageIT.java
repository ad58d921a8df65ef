package org.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.darkroom.flow.Version;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The release {@code ./darkroom package} makes, after {@code mvn package}: unpacked outside the repository, with no
 * Maven on the PATH, its launcher prints the version and runs the service, which answers a thumbnail.
 */
class PackageIT {
    private final Path work = Path.of(System.getProperty("java.io.tmpdir")).resolve("package-it");
    private Process service;

    @AfterEach
    void cleanUp() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
        if (Files.exists(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void the_release_runs_without_maven_or_the_repository() throws Exception {
        Path project = Samples.projectDir();
        String archive = run(project, List.of("bash", project.resolve("tools/package.sh").toString()), Map.of()).strip();
        assertThat(archive).endsWith("darkroom-" + Version.current() + ".tar.gz");
        Files.createDirectories(work);
        run(work, List.of("tar", "-xzf", archive), Map.of());
        Path release = work.resolve("darkroom-" + Version.current());
        assertThat(release.resolve("darkroom.jar")).isRegularFile();
        assertThat(release.resolve("policy/policy.xml")).isRegularFile();
        assertThat(release.resolve("routes/flows.camel.yaml")).isRegularFile();
        assertThat(release.resolve("deploy/systemd/darkroom.service")).isRegularFile();
        assertThat(release.resolve("pom.xml")).doesNotExist();
        assertThat(release.resolve("src")).doesNotExist();

        Map<String, String> noMaven = Map.of("PATH", "/usr/bin:/bin", "DARKROOM_MAGICK_BINARY", "/usr/bin/convert");
        assertThat(run(work, List.of(release.resolve("darkroom").toString(), "--version"), noMaven))
                .isEqualTo("darkroom " + Version.current() + "\n");

        int port = HttpClientSupport.freePort();
        Path log = work.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(release.resolve("darkroom").toString(), "run", "--port",
                String.valueOf(port), "--data", "data").directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(noMaven);
        service = builder.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !service.isAlive()
                || Files.readString(log).contains("Darkroom is ready"));
        assertThat(service.isAlive()).as(Files.readString(log)).isTrue();
        HttpResponse<byte[]> thumbnail = new HttpClientSupport("http://127.0.0.1:" + port)
                .postRaw("/v1/flows/thumbnail?width=64&height=64", Samples.get("plain.jpg"), "image/jpeg");
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        service.destroy();
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(work.resolve("data/inbox/thumbnail")).isDirectory();
    }

    private static String run(Path dir, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
