package org.darkroom.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.darkroom.intake.WorkArea;

/** Where each inbox's folders live under the data directory: {@code inbox/}, {@code outbox/}, {@code archive/}, {@code failed/}. */
public record DataLayout(Path root) {

    public Path inbox(String name) {
        return root.resolve("inbox").resolve(name);
    }

    public Path outbox(String name) {
        return root.resolve("outbox").resolve(name);
    }

    public Path archive(String name) {
        return root.resolve("archive").resolve(name);
    }

    public Path failed(String name) {
        return root.resolve("failed").resolve(name);
    }

    /** The private work area, which intake owns; here for those who know a data directory by its layout. */
    public Path work() {
        return WorkArea.in(root);
    }

    /** Creates the four folders of an inbox. */
    public void create(String name) {
        try {
            for (Path dir : new Path[] {inbox(name), outbox(name), archive(name), failed(name)}) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the folders of inbox " + name + " under " + root, e);
        }
    }
}
