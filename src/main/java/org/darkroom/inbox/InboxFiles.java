package org.darkroom.inbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Which names in an inbox are inputs: not hidden, not still being written under a temporary name. */
final class InboxFiles {
    /** The file consumer's exclude pattern; hidden files are skipped by camel-file itself. */
    static final String EXCLUDE = "(?i).*\\.(part|tmp|crdownload|partial)$";
    private static final Pattern EXCLUDED = Pattern.compile(EXCLUDE);

    private InboxFiles() {
    }

    static boolean isCandidate(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !EXCLUDED.matcher(name).matches() && !Files.isDirectory(file);
    }
}
