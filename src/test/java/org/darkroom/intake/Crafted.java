package org.darkroom.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/** Writes crafted bytes to a file and reads or refuses them through the real header reader. */
final class Crafted {
    private Crafted() {
    }

    static ImageHeader read(Path dir, String name, ByteWriter bytes, ImageType type) throws IOException {
        return HeaderReader.read(Files.write(dir.resolve(name), bytes.toBytes()), type);
    }

    static void assertUndecodable(Path dir, String name, ByteWriter bytes, ImageType type) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes.toBytes());
        assertThatThrownBy(() -> HeaderReader.read(file, type))
                .isInstanceOfSatisfying(DarkroomException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNDECODABLE));
    }
}
