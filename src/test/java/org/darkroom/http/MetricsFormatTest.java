package org.darkroom.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.darkroom.flow.Version;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.Samples;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scrape as Prometheus's own {@code promtool check metrics} reads it: Darkroom's series and Camel's pass (help
 * text, snake_case labels), the job histogram has a dozen buckets, and the build, JVM and process series are there.
 */
class MetricsFormatTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of());
    private final HttpClientSupport http = SERVICE.http();

    @Test
    void promtool_finds_nothing_wrong_with_darkrooms_series_or_camels() throws Exception {
        assertThat(http.postRaw("/v1/flows/thumbnail", Samples.get("alpha.png"), "image/png").statusCode())
                .isEqualTo(200);
        String scrape = scrape();

        List<String> complaints = promtool(scrape);
        // Micrometer's own processor binder names two series its way (process_cpu_time_ns_total, system_cpu_count);
        // dashboards expect those names, so they stay.
        assertThat(complaints).filteredOn(line -> !line.startsWith("process_cpu_time_ns_total ")
                && !line.startsWith("system_cpu_count ")).isEmpty();
    }

    @Test
    void the_scrape_holds_the_version_a_dozen_buckets_and_the_jvm() throws Exception {
        assertThat(http.postRaw("/v1/flows/thumbnail", Samples.get("alpha.png"), "image/png").statusCode())
                .isEqualTo(200);
        String scrape = scrape();
        assertThat(scrape).contains("darkroom_build_info{version=\"" + Version.current() + "\"} 1");
        Map<String, Long> buckets = Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith("darkroom_job_duration_seconds_bucket{"))
                .collect(Collectors.groupingBy(line -> line.replaceAll(",?le=\"[^\"]*\"}.*", "}"), Collectors.counting()));
        assertThat(buckets).isNotEmpty();
        assertThat(buckets.values()).allSatisfy(count -> assertThat(count).isBetween(10L, 14L));
        assertThat(scrape).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads",
                "process_cpu_usage", "process_files_open_files", "process_uptime_seconds");
    }

    private String scrape() {
        return new String(http.send(http.request("/observe/metrics").GET().build()).body(), StandardCharsets.UTF_8);
    }

    private static List<String> promtool(String scrape) throws Exception {
        Process process = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(line -> !line.isBlank()).toList();
    }
}
