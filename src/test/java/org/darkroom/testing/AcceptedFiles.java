package org.darkroom.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.darkroom.intake.AcceptedImage;
import org.darkroom.intake.HeaderReader;
import org.darkroom.intake.ImageType;
import org.darkroom.intake.TypeSniffer;

/** An image file copied into a job directory and described as intake would, for planning jobs without a door. */
public final class AcceptedFiles {
    private AcceptedFiles() {
    }

    /** {@code image} copied to {@code jobDir}/input, with its sniffed type and its header; no hash is taken. */
    public static AcceptedImage copy(Path image, Path jobDir) {
        try {
            Path input = Files.copy(image, Files.createDirectories(jobDir).resolve("input"));
            byte[] head = new byte[TypeSniffer.HEAD_BYTES];
            int length;
            try (InputStream in = Files.newInputStream(input)) {
                length = in.readNBytes(head, 0, head.length);
            }
            ImageType type = TypeSniffer.sniff(head, length)
                    .orElseThrow(() -> new IllegalArgumentException(image + " is no image type Darkroom accepts"));
            return new AcceptedImage(input, HeaderReader.read(input, type), Files.size(input), "",
                    image.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
