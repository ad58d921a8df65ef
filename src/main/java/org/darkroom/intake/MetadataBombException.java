package org.darkroom.intake;

/** Metadata that would expand past its cap when decoded; the message is log detail, never shown to users. */
final class MetadataBombException extends Exception {

    MetadataBombException(String detail) {
        super(detail, null, false, false);
    }
}
