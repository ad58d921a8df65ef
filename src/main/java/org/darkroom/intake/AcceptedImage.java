package org.darkroom.intake;

import java.nio.file.Path;

/**
 * An input that passed intake: a private copy in its job directory plus what its bytes say it is.
 *
 * @param file         the private copy, under a server-generated name
 * @param header       type, dimensions and frames read from the bytes
 * @param bytes        the input's size
 * @param sha256       hex SHA-256 of the input bytes
 * @param originalName the name the input arrived with, for records only (never used as a path or argument)
 */
public record AcceptedImage(Path file, ImageHeader header, long bytes, String sha256, String originalName) {

    public ImageType type() {
        return header.type();
    }

    /** The job's private directory, where a flow may write its outputs. */
    public Path jobDir() {
        return file.getParent();
    }
}
