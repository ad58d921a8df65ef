package org.darkroom.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTypeTest {

    @ParameterizedTest
    @CsvSource({
            "JPEG, jpeg, image/jpeg, jpg",
            "PNG, png, image/png, png",
            "GIF, gif, image/gif, gif",
            "WEBP, webp, image/webp, webp",
            "TIFF, tiff, image/tiff, tiff",
            "BMP, bmp, image/bmp, bmp",
            "HEIC, heic, image/heic, heic",
            "AVIF, avif, image/avif, avif"})
    void namesEachTypeForImageMagickAndTheWeb(ImageType type, String coder, String mime, String extension) {
        assertThat(type.coder()).isEqualTo(coder);
        assertThat(type.mimeType()).isEqualTo(mime);
        assertThat(type.extension()).isEqualTo(extension);
        assertThat(type.matchesExtension(extension)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "jpg, JPEG", "JPEG, JPEG", "jpe, JPEG", "JFIF, JPEG", "tif, TIFF", "TIFF, TIFF", "dib, BMP",
            "heif, HEIC", "HEIC, HEIC", "avif, AVIF", ".png, PNG", "Gif, GIF", "webp, WEBP"})
    void mapsEveryCommonExtensionToItsType(String ext, ImageType expected) {
        assertThat(ImageType.fromExtension(ext)).contains(expected);
    }

    @Test
    void matchesExtensionIgnoresCaseButNotOtherTypesAliases() {
        assertThat(ImageType.JPEG.matchesExtension("JPG")).isTrue();
        assertThat(ImageType.JPEG.matchesExtension("Jfif")).isTrue();
        assertThat(ImageType.JPEG.matchesExtension("png")).isFalse();
        assertThat(ImageType.TIFF.matchesExtension("tif")).isTrue();
        assertThat(ImageType.HEIC.matchesExtension("avif")).isFalse();
        assertThat(ImageType.PNG.matchesExtension(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvg", "msl", "pdf", "ps", "txt", "", "jpg.exe", "tıff", "jpegjpegjpeg"})
    void refusesExtensionsOutsideTheAllowlist(String ext) {
        assertThat(ImageType.fromExtension(ext)).isEmpty();
        assertThat(ImageType.fromName(ext)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"jpeg, JPEG", "JPG, JPEG", "png, PNG", "webp, WEBP", "Tiff, TIFF", "avif, AVIF", "heic, HEIC"})
    void readsFormatParameters(String name, ImageType expected) {
        assertThat(ImageType.fromName(name)).contains(expected);
    }

    @Test
    void nullNamesAreEmptyNotErrors() {
        assertThat(ImageType.fromName(null)).isEmpty();
        assertThat(ImageType.fromExtension(null)).isEmpty();
    }
}
