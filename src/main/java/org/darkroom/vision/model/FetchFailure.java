package org.darkroom.vision.model;

/** Why fetch-model gave up; the message is printed as is, so it ends with what the user should do. */
final class FetchFailure extends Exception {
    FetchFailure(String message) {
        super(message);
    }

    FetchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
