package org.darkroom.inbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Which names in an inbox are inputs: not hidden, not still being written under a temporary name, and not the
 * {@value #READ_LOCK_SUFFIX} marker camel-file puts beside each file it is working on.
 */
final class InboxFiles {
    /** The file consumer's exclude pattern; hidden files and its own markers are skipped by camel-file itself. */
    static final String EXCLUDE = "(?i).*\\.(part|tmp|crdownload|partial)$";
    static final String READ_LOCK_SUFFIX = ".camelLock";
    private static final Pattern EXCLUDED = Pattern.compile(EXCLUDE);

    private InboxFiles() {
    }

    static boolean isCandidate(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !EXCLUDED.matcher(name).matches() && !name.endsWith(READ_LOCK_SUFFIX)
                && !Files.isDirectory(file);
    }
}
