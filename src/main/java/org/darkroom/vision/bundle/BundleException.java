package org.darkroom.vision.bundle;

/**
 * A Moondream model bundle that cannot be used; the message says what is wrong and what to do about it.
 *
 * <p>Unchecked because a broken bundle is not something the caller can recover from in code: the user
 * has to replace the file.
 */
public class BundleException extends RuntimeException {
    /** What to tell the user to do, appended to every message so no caller has to remember it. */
    static final String REMEDY = "re-download it with ./darkroom fetch-model";

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
