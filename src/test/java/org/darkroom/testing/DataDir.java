package org.darkroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.darkroom.inbox.DataLayout;

/** A Darkroom data directory as a test sees it: drop files in, wait for them to be accounted for, read results. */
public record DataDir(Path root) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service's own layout of this directory, so tests and service agree on every folder. */
    public DataLayout layout() {
        return new DataLayout(root);
    }

    public Path inbox(String inbox) {
        return layout().inbox(inbox);
    }

    public Path outbox(String inbox) {
        return layout().outbox(inbox);
    }

    public Path archive(String inbox) {
        return layout().archive(inbox);
    }

    public Path failed(String inbox) {
        return layout().failed(inbox);
    }

    /** Puts {@code source} into the inbox as {@code name} the way a careful writer does: copy aside, then rename. */
    public void drop(String inbox, Path source, String name) {
        try {
            Path staging = root.resolve("staging");
            Files.createDirectories(staging);
            Files.createDirectories(inbox(inbox));
            Path staged = staging.resolve(name);
            Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, inbox(inbox).resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code count} inputs sit in archive/ or failed/ of the inbox (error records not counted). */
    public void awaitAccounted(String inbox, int count, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> inputs(archive(inbox)).size() + inputs(failed(inbox)).size() >= count);
    }

    /** Files in a folder, minus Darkroom's error records and the markers of files camel-file is reading. */
    public static List<String> inputs(Path dir) {
        return names(dir).stream().filter(name -> !name.endsWith(".error.json") && !name.endsWith(".camelLock"))
                .toList();
    }

    public static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the work area holds besides each process's own directory and its owner lock: job directories. */
    public List<String> workLeftovers() {
        Path area = layout().work();
        return names(area).stream()
                .flatMap(owner -> names(area.resolve(owner)).stream().map(name -> owner + "/" + name))
                .filter(path -> !path.endsWith("/owner.lock"))
                .toList();
    }

    public JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode error(String inbox, String name) {
        return json(failed(inbox).resolve(name + ".error.json"));
    }

    public JsonNode sidecar(String inbox, String name) {
        return json(outbox(inbox).resolve(name + ".json"));
    }
}
