package org.darkroom.magick;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches run ImageMagick's mogrify: IM6's beside the configured convert, IM7's as a magick subcommand. */
class MogrifyBinaryTest {
    @TempDir
    Path dir;

    @Test
    void im6_convert_has_its_mogrify_beside_it() {
        assertThat(MagickBinary.mogrify(Path.of("/usr/bin/convert"))).hasValue(List.of("/usr/bin/mogrify"));
    }

    @Test
    void im7_runs_mogrify_as_a_magick_subcommand() {
        assertThat(MagickBinary.mogrify(Path.of("/opt/im7/bin/magick")))
                .hasValue(List.of("/opt/im7/bin/magick", "mogrify"));
    }

    @Test
    void a_convert_without_mogrify_beside_it_or_another_program_has_none() throws Exception {
        Path convert = Files.writeString(dir.resolve("convert"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(convert, PosixFilePermissions.fromString("rwx------"));
        Path wrapper = Files.copy(convert, dir.resolve("im-wrapper"));
        Files.copy(convert, dir.resolve("mogrify"));

        Files.delete(dir.resolve("mogrify"));
        assertThat(MagickBinary.mogrify(convert)).isEmpty();
        Files.copy(wrapper, dir.resolve("mogrify"));
        assertThat(MagickBinary.mogrify(wrapper)).as("not convert nor magick: which mogrify is unknown").isEmpty();
    }
}
