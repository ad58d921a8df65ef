package org.darkroom.inbox;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.darkroom.flow.OutOfSpace;

/** Commits a failure record, telling a full disk (the input must then stay in its inbox) from other faults. */
final class FailureRecords {
    private FailureRecords() {
    }

    /** Whether the record was committed; false when the disk had no room for it. Other faults are thrown. */
    static boolean write(byte[] record, Path stagingDir, Path target) {
        try {
            AtomicFiles.write(record, stagingDir, target);
            return true;
        } catch (UncheckedIOException e) {
            if (OutOfSpace.causes(e)) {
                return false;
            }
            throw e;
        }
    }
}
