package org.darkroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration as Camel users keep it: an {@code application.properties} where Darkroom is started, a file named by
 * {@code --config} over it, flags over both; and a folder of one's own routes loaded beside Darkroom's.
 */
class ConfigFilesTest {
    @TempDir
    Path dir;

    @Test
    void the_start_directorys_file_then_config_then_flags_and_ones_own_routes() throws Exception {
        Path start = Files.createDirectories(dir.resolve("start"));
        Path out = dir.resolve("out");
        Files.writeString(start.resolve("application.properties"),
                "darkroom.limits.max-bytes = 2KiB\ndarkroom.routes.extra-dir = my-routes\ndarkroom.doors = http\n");
        Files.createDirectories(start.resolve("my-routes"));
        Files.writeString(start.resolve("my-routes/hello.camel.yaml"), """
                - route:
                    id: my-hello
                    from:
                      uri: timer:hello?repeatCount=1
                      steps:
                        - setBody:
                            constant: hello from my route
                        - to: file:%s?fileName=hello.txt
                """.formatted(out));
        Files.writeString(dir.resolve("more.properties"), "darkroom.limits.max-bytes = 3KiB\n");

        assertThat(limitWith(start, List.of(), () -> Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(out.resolve("hello.txt"))))).isEqualTo(2048);
        assertThat(Files.readString(out.resolve("hello.txt"))).isEqualTo("hello from my route");
        // The doors too, which decide the routes loaded before Camel reads any file: HTTP alone, no drop folders.
        assertThat(dir.resolve("data/inbox")).doesNotExist();
        assertThat(limitWith(start, List.of("--config", "../more.properties"), () -> { })).isEqualTo(3072);
        assertThat(limitWith(start, List.of("--config", "../more.properties", "--set",
                "darkroom.limits.max-bytes=4KiB"), () -> { })).isEqualTo(4096);
    }

    @Test
    void a_typo_in_a_configuration_file_stops_the_start_naming_the_file() throws Exception {
        Path start = Files.createDirectories(dir.resolve("typo"));
        Files.writeString(start.resolve("application.properties"), "darkroom.limits.max-byte = 2KiB\n");
        ChildDarkroom.Exit named = ChildDarkroom.expectExit(dir.resolve("data"), dir.resolve("named.log"),
                List.of("--config", start.resolve("application.properties").toString()), Map.of());
        assertThat(named.status()).isEqualTo(2);
        assertThat(named.output()).contains("darkroom.limits.max-byte", start.resolve("application.properties")
                .toString(), "did you mean darkroom.limits.max-bytes");
    }

    /**
     * The byte limit a service started from {@code start} with {@code args} applies, read from its refusal; {@code
     * meanwhile} runs before the service stops.
     */
    private long limitWith(Path start, List<String> args, Runnable meanwhile) throws Exception {
        int port = HttpClientSupport.freePort();
        ChildDarkroom child = ChildDarkroom.start(dir.resolve("data"), dir.resolve("child-" + port + ".log"),
                Map.of("darkroom.http.port", String.valueOf(port)), List.of("-Ddarkroom.start.dir=" + start), args);
        try {
            HttpClientSupport http = new HttpClientSupport("http://127.0.0.1:" + port);
            var response = http.postRaw("/v1/flows/info", Samples.get("alpha.png"), "image/png");
            String detail = HttpClientSupport.json(response).at("/detail").asText();
            assertThat(detail).contains("larger than the limit of");
            meanwhile.run();
            return Long.parseLong(detail.replaceAll(".*limit of (\\d+) bytes.*", "$1"));
        } finally {
            child.stop();
        }
    }
}
