package org.darkroom.inbox;

import java.io.File;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Lists only inputs camel-file can process that have not changed for the settle time, so a file still being
 * written is simply not seen yet, and what is not a regular file or has a name that cannot be carried is left to
 * {@link Strays} (a pipe would block the poller on open; a long name would fail at its lock marker on every poll).
 *
 * <p>camel-file's {@code changed} read lock alone would find such a file and then wait for it on the single
 * polling thread, holding back every settled file behind it; filtering first keeps the poller moving, and the
 * read lock stays as the second check at the moment of pick-up.
 */
public final class SettledFiles implements GenericFileFilter<File> {
    private final long settleMillis;

    public SettledFiles(long settleMillis) {
        this.settleMillis = settleMillis;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        return !file.isDirectory() && file.getLastModified() <= System.currentTimeMillis() - settleMillis
                && InboxFiles.isCandidate(file.getFile().toPath());
    }
}
