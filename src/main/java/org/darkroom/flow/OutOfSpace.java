package org.darkroom.flow;

import java.io.IOException;
import java.util.Locale;

/**
 * A job that could not be written because the data directory's file system is full: {@code not_ready}, since the
 * input is fine and the same request succeeds once space is freed. Inputs that meet it stay in their inbox.
 */
public final class OutOfSpace extends DarkroomException {
    public static final String MESSAGE = "Darkroom's disk is full, so this job could not be written."
            + " Send it again once space is freed.";

    public OutOfSpace(String detail, Throwable cause) {
        super(ErrorCode.NOT_READY, MESSAGE, detail, cause);
    }

    /** Whether {@code thrown} or one of its causes is the operating system saying the disk (or a quota) is full. */
    public static boolean causes(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null) {
                String message = t.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("no space left on device") || message.contains("disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }
}
