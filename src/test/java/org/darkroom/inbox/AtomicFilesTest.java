package org.darkroom.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.darkroom.testing.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records committed at the same moment under the same name, by two inboxes sharing one staging area. */
class AtomicFilesTest {
    private static final int ROUNDS = 300;

    @TempDir
    Path dir;

    @Test
    void two_inboxes_writing_a_record_of_the_same_name_at_once_both_commit_it_whole() throws Exception {
        Path staging = Files.createDirectories(dir.resolve("work"));
        Path first = Files.createDirectories(dir.resolve("failed-a"));
        Path second = Files.createDirectories(dir.resolve("failed-b"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                byte[] a = ("{\"inbox\":\"a\",\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8);
                byte[] b = ("{\"inbox\":\"b\",\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8);
                String name = "plain-" + round + ".jpg.error.json";
                CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> AtomicFiles.write(a, staging, first.resolve(name)), threads),
                        CompletableFuture.runAsync(() -> AtomicFiles.write(b, staging, second.resolve(name)), threads))
                        .join();
                assertThat(first.resolve(name)).hasBinaryContent(a);
                assertThat(second.resolve(name)).hasBinaryContent(b);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(DataDir.names(staging)).as("nothing staged is left").isEmpty();
    }
}
