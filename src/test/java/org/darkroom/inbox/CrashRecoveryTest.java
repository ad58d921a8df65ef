package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.darkroom.testing.ChildDarkroom;
import org.darkroom.testing.DataDir;
import org.darkroom.testing.Identify;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 in the middle of a batch (while an ImageMagick process works on several of its files) and a restart lose
 * nothing and duplicate nothing.
 */
class CrashRecoveryTest {
    private static final int FILES = 60;

    @TempDir
    Path work;

    @Test
    void kill_minus_nine_mid_batch_then_restart_accounts_for_every_file_once() throws Exception {
        Path dataDir = work.resolve("data");
        DataDir data = new DataDir(dataDir);
        Path source = work.resolve("big.jpg");
        // Large enough that a thumbnail takes a noticeable time, so the kill lands mid-batch.
        Process make = new ProcessBuilder("/usr/bin/convert", "-size", "2400x1600", "gradient:navy-orange",
                "-swirl", "90", "-quality", "92", source.toString()).inheritIO().start();
        assertThat(make.waitFor()).isZero();
        Path staging = work.resolve("staging");
        Files.createDirectories(staging);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            String name = String.format("img-%03d.jpg", i);
            Files.copy(source, staging.resolve(name));
            names.add(name);
        }

        ChildDarkroom first = ChildDarkroom.start(dataDir, work.resolve("first.log"), Map.of());
        try {
            for (String name : names) {
                Files.move(staging.resolve(name), data.inbox("thumbnail").resolve(name),
                        StandardCopyOption.ATOMIC_MOVE);
            }
            // Killed while files waiting for a worker run together in one ImageMagick process.
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> DataDir.inputs(data.archive("thumbnail")).size() >= 4 && runsMogrify(first));
        } finally {
            first.kill();
        }
        int archivedAtKill = DataDir.inputs(data.archive("thumbnail")).size();
        assertThat(archivedAtKill).as("the kill must land mid-batch").isLessThan(FILES);

        ChildDarkroom second = ChildDarkroom.start(dataDir, work.resolve("second.log"), Map.of());
        try {
            data.awaitAccounted("thumbnail", FILES, Duration.ofSeconds(120));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> second.logText().contains("batch finished"));
        } finally {
            assertThat(second.stop()).isIn(0, 130, 143);
        }
        assertThat(second.logText()).contains("inbox thumbnail:").contains("files/s");

        assertThat(DataDir.names(data.archive("thumbnail"))).containsExactlyElementsOf(names);
        assertThat(DataDir.names(data.failed("thumbnail"))).isEmpty();
        assertThat(DataDir.names(data.inbox("thumbnail"))).isEmpty();
        List<String> expectedOutputs = new ArrayList<>();
        names.forEach(name -> expectedOutputs.addAll(List.of(name + ".jpg", name + ".json")));
        assertThat(DataDir.names(data.outbox("thumbnail"))).containsExactlyInAnyOrderElementsOf(expectedOutputs);
        assertThat(names).as("some files ran several to a process")
                .anyMatch(name -> data.sidecar("thumbnail", name).has("batch"));
        for (String name : names) {
            Identify thumbnail = Identify.of(data.outbox("thumbnail").resolve(name + ".jpg"));
            assertThat(thumbnail.width()).isEqualTo(256);
            assertThat(data.sidecar("thumbnail", name).at("/output/bytes").asLong())
                    .isEqualTo(Files.size(data.outbox("thumbnail").resolve(name + ".jpg")));
        }
    }

    private static boolean runsMogrify(ChildDarkroom darkroom) {
        return ProcessHandle.of(darkroom.pid()).stream().flatMap(ProcessHandle::descendants)
                .anyMatch(process -> process.info().command().orElse("").contains("mogrify"));
    }
}
