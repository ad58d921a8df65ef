package org.darkroom.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.darkroom.flow.DarkroomException;
import org.darkroom.intake.HeaderReader;
import org.darkroom.intake.ImageType;
import org.darkroom.intake.TypeSniffer;

/**
 * What a file in a root is, decided as intake decides it: the magic numbers first, then the header they promise
 * (so XML that is not an SVG, or a TIFF that is a camera raw, is told apart). The name is never consulted.
 */
final class ImageFiles {
    private ImageFiles() {
    }

    /** The type of {@code file}, or empty when it is not an image Darkroom accepts or cannot be read. */
    static Optional<ImageType> typeOf(Path file) {
        byte[] head = new byte[TypeSniffer.HEAD_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            return typeOf(file, head, in.readNBytes(head, 0, head.length));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** As {@link #typeOf(Path)}, with the file's first {@code length} bytes already read into {@code head}. */
    static Optional<ImageType> typeOf(Path file, byte[] head, int length) {
        Optional<ImageType> sniffed = TypeSniffer.sniff(head, length);
        if (sniffed.isEmpty()) {
            return sniffed;
        }
        try {
            return Optional.of(HeaderReader.read(file, sniffed.get()).type());
        } catch (DarkroomException e) {
            return Optional.empty();
        }
    }
}
