package org.darkroom.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header reading against the committed samples, which ImageMagick itself wrote. */
class HeaderReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "plain.jpg,    JPEG, 640, 427, 1",
            // The header keeps the stored size; EXIF orientation is applied later, by -auto-orient.
            "photo.jpg,    JPEG, 640, 427, 1",
            "alpha.png,    PNG,  400, 300, 1",
            "animated.gif, GIF,  200, 150, 3",
            "photo.webp,   WEBP, 320, 240, 1",
            "scan.tiff,    TIFF, 300, 200, 2",
            "icon.bmp,     BMP,   64,  48, 1",
            "photo.heic,   HEIC, 320, 240, 1",
            "photo.avif,   AVIF, 320, 240, 1",
            "mismatch.png, JPEG, 160, 120, 1",
            "drawing.svg,  SVG,  360, 270, 1",
            // The raw image's size, not the 32x24 preview in the first directory.
            "photo.dng,    RAW,  256, 160, 1",
            "photo.jxl,    JXL,  336, 224, 1"})
    void readsEverySampleExactly(String sample, ImageType type, int width, int height, int frames) {
        ImageHeader header = HeaderReader.read(Samples.get(sample), type);
        assertThat(header).isEqualTo(new ImageHeader(type, width, height, frames, (long) width * height));
    }

    @Test
    void reportsThePixelBombsDeclaredSizeSoIntakeCanRefuseIt() {
        ImageHeader header = HeaderReader.read(Samples.get("pixel-bomb.png"), ImageType.PNG);
        assertThat(header.width()).isEqualTo(100_000);
        assertThat(header.height()).isEqualTo(100_000);
        assertThat(header.pixels()).isEqualTo(10_000_000_000L);
        assertThat(header.largestFramePixels()).isEqualTo(10_000_000_000L);
    }

    @Test
    void aJpegCutInItsScanDataStillHasAReadableHeader() {
        // truncated.jpg fails at decode time, not here: its frame header survived the cut.
        assertThat(HeaderReader.read(Samples.get("truncated.jpg"), ImageType.JPEG).pixels()).isEqualTo(640L * 427);
    }

    @Test
    void aCameraRawIsToldFromAPlainTiffByItsDirectories() {
        assertThat(HeaderReader.read(Samples.get("photo.dng"), ImageType.TIFF).type()).isEqualTo(ImageType.RAW);
        assertThat(HeaderReader.read(Samples.get("fake.dng"), ImageType.TIFF).type()).isEqualTo(ImageType.TIFF);
        assertUndecodable(Samples.get("fake.dng"), ImageType.RAW);
    }

    @Test
    void aRawCutShortOrDeclaringAHugeSensorIsKnownBeforeAnyDeveloperRuns() {
        assertUndecodable(Samples.get("truncated.dng"), ImageType.RAW);
        assertThat(HeaderReader.read(Samples.get("huge.dng"), ImageType.RAW).largestFramePixels())
                .isEqualTo(100_000L * 100_000);
    }

    @Test
    void anEmptyFileIsEmptyInput() {
        assertThatThrownBy(() -> HeaderReader.read(Samples.get("empty.png"), ImageType.PNG))
                .isInstanceOfSatisfying(DarkroomException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_INPUT));
    }

    @Test
    void refusesBytesOfAnotherTypeThanClaimed() {
        assertUndecodable(Samples.get("plain.jpg"), ImageType.PNG);
        assertUndecodable(Samples.get("photo.heic"), ImageType.AVIF);
        assertUndecodable(Samples.get("payload-mvg.png"), ImageType.PNG);
    }

    @Test
    void publicMessageNamesNoPathButTheLogDetailDoes() throws IOException {
        byte[] signatureOnly = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        Path file = Files.write(dir.resolve("secret-name.png"), signatureOnly);
        assertThatThrownBy(() -> HeaderReader.read(file, ImageType.PNG))
                .isInstanceOfSatisfying(DarkroomException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNDECODABLE);
                    assertThat(e.publicMessage()).doesNotContain("secret-name").doesNotContain("/")
                            .endsWith("Send a complete, valid file.");
                    assertThat(e.detail()).contains("secret-name.png");
                });
    }

    @Test
    void aMissingFileIsAnInternalErrorNotABadImage() {
        assertThatThrownBy(() -> HeaderReader.read(dir.resolve("gone.png"), ImageType.PNG))
                .isInstanceOfSatisfying(DarkroomException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
    }

    static void assertUndecodable(Path file, ImageType type) {
        assertThatThrownBy(() -> HeaderReader.read(file, type))
                .isInstanceOfSatisfying(DarkroomException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNDECODABLE));
    }
}
