package org.darkroom.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import org.darkroom.door.InboxOverview;

/**
 * Counts what each inbox's folders hold, for {@code GET /v1/inboxes}: inputs waiting, records of inputs done, inputs
 * failed, and the latest failures as their error records tell them. It names no folder: only inbox names, file
 * names and the records' public sentences leave it.
 *
 * <p>Work per request is bounded (see {@link InboxOverview}): folders are listed up to the count limit, only error
 * records have their times read, and only the latest few are opened, each up to {@link #MAX_RECORD_BYTES}.
 */
public final class InboxCensus implements InboxOverview {
    static final int MAX_RECORD_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<Dated> OLDEST_FIRST = Comparator.comparing(Dated::when);

    private final DataLayout layout;
    private final List<InboxBinding> bindings;

    public InboxCensus(DataLayout layout, List<InboxBinding> bindings) {
        this.layout = layout;
        this.bindings = bindings.stream().sorted(Comparator.comparing(InboxBinding::name)).toList();
    }

    @Override
    public List<InboxState> inboxes() {
        return bindings.stream().map(this::state).toList();
    }

    private InboxState state(InboxBinding binding) {
        String name = binding.name();
        List<String> capped = new ArrayList<>();
        long waiting = count(layout.inbox(name), entry -> !InboxFiles.isIgnored(entry), "waiting", capped);
        long done = count(layout.outbox(name), entry -> !entry.startsWith(".") && entry.endsWith(".json"), "done",
                capped);
        FailedFolder failed = scanFailed(layout.failed(name));
        if (failed.capped()) {
            capped.add("failed");
        }
        List<Failure> failures = failed.latest().stream().sorted(OLDEST_FIRST.reversed()).map(InboxCensus::read)
                .toList();
        return new InboxState(name, binding.flow().name(), waiting, done, failed.inputs(), capped, failures);
    }

    private static long count(Path dir, Predicate<String> counted, String what, List<String> capped) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long seen = 0;
        long matched = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (++seen > COUNT_LIMIT) {
                    capped.add(what);
                    break;
                }
                if (counted.test(entry.getFileName().toString())) {
                    matched++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matched;
    }

    /** One pass over {@code failed/}: inputs counted, and the newest error records kept, by their times. */
    private static FailedFolder scanFailed(Path dir) {
        PriorityQueue<Dated> newest = new PriorityQueue<>(OLDEST_FIRST);
        if (!Files.isDirectory(dir)) {
            return new FailedFolder(0, false, List.of());
        }
        long seen = 0;
        long inputs = 0;
        boolean capped = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (++seen > COUNT_LIMIT) {
                    capped = true;
                    break;
                }
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (!name.endsWith(FailedNames.RECORD)) {
                    inputs++;
                    continue;
                }
                modified(entry).ifPresent(when -> {
                    newest.add(new Dated(entry, when));
                    if (newest.size() > FAILURE_LIMIT) {
                        newest.poll();
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FailedFolder(inputs, capped, List.copyOf(newest));
    }

    private static Failure read(Dated record) {
        String stored = record.file().getFileName().toString();
        String fallbackName = stored.substring(0, stored.length() - FailedNames.RECORD.length());
        try {
            if (Files.size(record.file()) <= MAX_RECORD_BYTES) {
                JsonNode json = JSON.readTree(record.file().toFile());
                return new Failure(json.path("name").asText(fallbackName), json.path("code").asText(null),
                        json.path("message").asText(null), json.path("request_id").asText(null), record.when());
            }
        } catch (IOException e) {
            // Removed by a retry or a later success since it was listed, or not a record Darkroom wrote.
        }
        return new Failure(fallbackName, null, "The error record could not be read.", null, record.when());
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            // Gone since it was listed: a retry or a later success cleared it.
            return Optional.empty();
        }
    }

    private record Dated(Path file, Instant when) {
    }

    private record FailedFolder(long inputs, boolean capped, List<Dated> latest) {
    }
}
