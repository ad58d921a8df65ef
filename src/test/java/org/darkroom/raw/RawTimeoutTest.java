package org.darkroom.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.testing.HttpClientSupport;
import org.darkroom.testing.SharedDarkroom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A camera raw that takes longer to develop than the time limit: the job ends {@code timeout}, and the developer
 * is killed, not left running. A 12 MP raw of noise develops in about 2 s on these machines; the limit is 300 ms, and
 * the developer must be gone well before it could have finished on its own.
 */
class RawTimeoutTest {
    @RegisterExtension
    static final SharedDarkroom SERVICE = new SharedDarkroom(Map.of("darkroom.magick.timeout-ms", "300"));

    @Test
    void a_raw_over_the_time_limit_ends_in_timeout_with_no_developer_left_running() throws Exception {
        Path raw = SyntheticDng.write(SERVICE.dir().resolve("slow.dng"), 4000, 3000);
        HttpResponse<byte[]> response = SERVICE.http().postRaw("/v1/flows/thumbnail", raw, "image/x-adobe-dng");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(HttpClientSupport.json(response).at("/code").asText()).isEqualTo("timeout");
        Awaitility.await().atMost(Duration.ofMillis(500)).until(() -> developers().isEmpty());
    }

    private static List<ProcessHandle> developers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/dcraw_emu"))
                .toList();
    }
}
