package org.darkroom.inbox;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./darkroom retry INBOX}: sends every input in {@code failed/INBOX/} back through its inbox, appearing there in
 * one step as a careful writer's drop does, and removes its error record, which no longer says anything true. A name already waiting in the inbox is left where it is and reported. A running service picks the
 * files up as new arrivals; a stopped one at its next start.
 */
public final class RetryFailed {
    /** What one retry did. */
    public record Outcome(List<String> sent, List<String> left) {
    }

    private RetryFailed() {
    }

    /** {@code INBOX [--data DIR]}; the data directory defaults to {@code DARKROOM_DATA}, else {@code ./data}. */
    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--data"))) {
            System.err.println("usage: darkroom retry INBOX [--data DIR]");
            System.exit(2);
        }
        String data = args.length == 3 ? args[2]
                : System.getenv().getOrDefault("DARKROOM_DATA", "data");
        DataLayout layout = new DataLayout(Path.of(data).toAbsolutePath().normalize());
        try {
            Outcome outcome = retry(layout, args[0]);
            report(outcome, args[0], System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("darkroom: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Moves every failed input of {@code inbox} back into it, removing its record. */
    public static Outcome retry(DataLayout layout, String inbox) {
        if (inbox.isEmpty() || inbox.contains("/") || inbox.startsWith(".")) {
            throw new IllegalArgumentException("'" + inbox + "' is not an inbox name.");
        }
        Path failed = layout.failed(inbox);
        Path target = layout.inbox(inbox);
        if (!Files.isDirectory(failed) || !Files.isDirectory(target)) {
            throw new IllegalArgumentException("No inbox named '" + inbox + "' under " + layout.root()
                    + " (looked for inbox/" + inbox + " and failed/" + inbox + "). Name one of its inbox folders,"
                    + " or pass --data DIR.");
        }
        List<String> sent = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Path input : inputs(failed)) {
            String name = input.getFileName().toString();
            try {
                // A hard link, not a rename: rename(2) would replace a file of that name waiting in the inbox, which
                // is someone's newer drop; link(2) refuses, and appears in the inbox in one step all the same.
                Files.createLink(target.resolve(name), input);
                Files.delete(input);
                Files.deleteIfExists(failed.resolve(name + FailedNames.RECORD));
                sent.add(name);
            } catch (FileAlreadyExistsException e) {
                left.add(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Outcome(sent, left);
    }

    static void report(Outcome outcome, String inbox, PrintStream out) {
        out.println("darkroom: sent " + outcome.sent().size() + " file" + (outcome.sent().size() == 1 ? "" : "s")
                + " from failed/" + inbox + " back to inbox/" + inbox + ", their error records removed");
        for (String name : outcome.left()) {
            out.println("darkroom: left " + name + " in failed/" + inbox + ": a file of that name is already"
                    + " waiting in inbox/" + inbox);
        }
    }

    private static List<Path> inputs(Path failed) {
        try (Stream<Path> entries = Files.list(failed)) {
            // A link kept in failed/ (one that pointed outside the inbox) would only be refused again.
            return entries.filter(path -> !path.getFileName().toString().endsWith(FailedNames.RECORD))
                    .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
