package org.darkroom.door;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.darkroom.intake.DeclaredType;

/**
 * Where a request's image comes from, whatever the door: every door names its source with one of these, and
 * {@link SourceIntake} turns any of them into an accepted image in the job's directory, by the same rules.
 */
public sealed interface ImageSource {

    /** The raw body of an HTTP request, received by Darkroom into its own work area, with its Content-Type. */
    static ImageSource body(Path file, String contentType) {
        return new OwnFile(file, new DeclaredType(null, contentType));
    }

    /** The one file of a multipart upload, received by Darkroom into its own work area, with its file name. */
    static ImageSource upload(Path file, String fileName) {
        return new OwnFile(file, DeclaredType.name(fileName));
    }

    /**
     * A file that belongs to someone else (a dropped file, an MCP {@code path}); {@code givenName} is the name the
     * caller used, whose extension is their claim about the type.
     */
    static ImageSource file(Path file, String givenName) {
        return new SharedFile(file, DeclaredType.name(givenName));
    }

    /** An address to fetch under the URL rules ({@code darkroom.fetch.*}). */
    static ImageSource url(String address) {
        return new Url(address);
    }

    /** Bytes decoded as they are read (MCP {@code data}); opened once, by intake. */
    static ImageSource data(Supplier<InputStream> bytes, DeclaredType declared) {
        return new Data(bytes, declared);
    }

    /** A file Darkroom wrote itself: moved into the job rather than copied. */
    record OwnFile(Path file, DeclaredType declared) implements ImageSource {
    }

    /** A file others may still change: copied into the job, and only the copy is looked at. */
    record SharedFile(Path file, DeclaredType declared) implements ImageSource {
    }

    /** A URL, fetched into the job. */
    record Url(String address) implements ImageSource {
    }

    /** A stream of bytes, copied into the job. */
    record Data(Supplier<InputStream> bytes, DeclaredType declared) implements ImageSource {
    }
}
