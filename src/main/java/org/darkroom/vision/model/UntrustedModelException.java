package org.darkroom.vision.model;

/**
 * A model bundle Darkroom will not load: unknown and without a SHA-256 from the user, not matching the one
 * given, changed since it was fetched, or unreadable. The message names the file and what to do.
 */
public class UntrustedModelException extends RuntimeException {
    public UntrustedModelException(String message) {
        super(message);
    }

    public UntrustedModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
