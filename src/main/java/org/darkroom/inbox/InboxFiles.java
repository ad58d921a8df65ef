package org.darkroom.inbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Which names in an inbox are inputs: not hidden, not still being written under a temporary name, and not the
 * {@value #READ_LOCK_SUFFIX} marker camel-file puts beside each file it is working on.
 *
 * <p>Of those, camel-file processes the regular files whose names it can carry; {@link Strays} moves the rest.
 */
final class InboxFiles {
    /** The file consumer's exclude pattern; hidden files and its own markers are skipped by camel-file itself. */
    static final String EXCLUDE = "(?i).*\\.(part|tmp|crdownload|partial)$";
    static final String READ_LOCK_SUFFIX = ".camelLock";
    /**
     * The longest name Darkroom carries: the names it derives ({@code <name>.error.json} the longest, and any
     * {@code <name>.<ext>} of an output) must fit the file system's 255 bytes, with a few bytes to spare.
     */
    static final int MAX_NAME_BYTES = 255 - ".error.json.staged".length();
    private static final Pattern EXCLUDED = Pattern.compile(EXCLUDE);

    private InboxFiles() {
    }

    /** Whether the folder entry is left alone by every part of the inbox: hidden, temporary, or a lock marker. */
    static boolean isIgnored(String name) {
        return name.startsWith(".") || EXCLUDED.matcher(name).matches() || name.endsWith(READ_LOCK_SUFFIX);
    }

    /**
     * Whether camel-file and the derived names can carry {@code name}: short enough, and without a backslash, which
     * camel-file reads as a path separator.
     */
    static boolean isCarriable(String name) {
        return name.indexOf('\\') < 0 && name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES;
    }

    /** An input camel-file will process: not ignored, a regular file (or a link to one), with a carriable name. */
    static boolean isCandidate(Path file) {
        String name = file.getFileName().toString();
        return !isIgnored(name) && isCarriable(name) && Path.of(name).equals(file.getFileName())
                && Files.isRegularFile(file);
    }
}
