package org.darkroom.intake;

/** A header that is truncated or breaks its format's rules; the message is log detail, never shown to users. */
final class BadHeaderException extends Exception {

    BadHeaderException(String detail) {
        super(detail, null, false, false);
    }
}
