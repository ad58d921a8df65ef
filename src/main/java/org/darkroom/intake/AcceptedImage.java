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
 * @param sourceType   the type the caller sent; differs from {@link #type()} only for an input rendered to plain
 *                     pixels before ImageMagick sees it (an SVG, a camera raw, a JPEG XL), whose {@code file} is
 *                     then the decoded image
 */
public record AcceptedImage(Path file, ImageHeader header, long bytes, String sha256, String originalName,
                            ImageType sourceType) {

    /** An input ImageMagick reads as it came. */
    public AcceptedImage(Path file, ImageHeader header, long bytes, String sha256, String originalName) {
        this(file, header, bytes, sha256, originalName, header.type());
    }

    /** The type of {@link #file}, the one ImageMagick reads. */
    public ImageType type() {
        return header.type();
    }

    /** The same input, decoded to {@code decoded} (what the flows read from now on); its bytes and digest stay. */
    public AcceptedImage decodedAs(Path decoded, ImageHeader decodedHeader) {
        return new AcceptedImage(decoded, decodedHeader, bytes, sha256, originalName, sourceType);
    }

    /** The job's private directory, where a flow may write its outputs. */
    public Path jobDir() {
        return file.getParent();
    }
}
