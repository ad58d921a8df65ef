package org.darkroom.vision.model;

/** The model manifest cannot be read or is malformed; the message names the file and how to restore it. */
public class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
