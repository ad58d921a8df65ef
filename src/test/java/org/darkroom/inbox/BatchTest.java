package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.RunningDarkroom;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch of 200 files, some of them bad, is fully accounted for, with progress in the log. */
class BatchTest {
    @TempDir
    Path dataDir;

    @Test
    void every_file_of_a_200_file_batch_ends_in_archive_or_failed_exactly_once() throws Exception {
        List<String> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        try (RunningDarkroom darkroom = RunningDarkroom.start(dataDir, Map.of())) {
            DataDir data = darkroom.data();
            Path staging = Files.createDirectories(dataDir.resolve("batch-staging"));
            for (int i = 0; i < 200; i++) {
                boolean broken = i % 20 == 7;
                String name = String.format(broken ? "bad-%03d.png" : "good-%03d.png", i);
                Files.copy(Samples.get(broken ? "not-an-image.jpg" : "alpha.png"), staging.resolve(name));
                (broken ? bad : good).add(name);
            }
            for (String name : good.size() > 0 ? concat(good, bad) : bad) {
                Files.move(staging.resolve(name), data.inbox("thumbnail").resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
            data.awaitAccounted("thumbnail", 200, Duration.ofSeconds(240));

            assertThat(DataDir.inputs(data.archive("thumbnail"))).containsExactlyElementsOf(good);
            assertThat(DataDir.inputs(data.failed("thumbnail"))).containsExactlyElementsOf(bad);
            assertThat(DataDir.names(data.outbox("thumbnail"))).hasSize(2 * good.size());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> data.workLeftovers().isEmpty());
            for (String name : bad) {
                assertThat(data.error("thumbnail", name).at("/code").asText()).isEqualTo("unsupported_type");
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(String::compareTo);
        return all;
    }
}
