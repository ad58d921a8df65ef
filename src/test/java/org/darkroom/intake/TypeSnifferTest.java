package org.darkroom.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.darkroom.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypeSnifferTest {

    @ParameterizedTest
    @CsvSource({
            "plain.jpg, JPEG", "photo.jpg, JPEG", "alpha.png, PNG", "animated.gif, GIF", "photo.webp, WEBP",
            "scan.tiff, TIFF", "icon.bmp, BMP", "photo.heic, HEIC", "photo.avif, AVIF", "photo.jxl, JXL",
            "drawing.svg, SVG",
            // A DNG begins as any TIFF does; its directories tell it apart (HeaderReaderTest).
            "photo.dng, TIFF",
            // Sniffing looks at bytes only: a JPEG named .png is a JPEG, a bomb is still a PNG.
            "mismatch.png, JPEG", "pixel-bomb.png, PNG", "truncated.jpg, JPEG"})
    void recognisesEverySampleByItsBytes(String sample, ImageType expected) {
        byte[] head = head(sample);
        assertThat(TypeSniffer.sniff(head, head.length)).contains(expected);
    }

    // payload-msl.png is XML: an SVG candidate here, refused as unsupported_type once intake sees its root element
    // (doors.DoorContractTest).
    @ParameterizedTest
    @ValueSource(strings = {"not-an-image.jpg", "payload-mvg.png", "empty.png"})
    void refusesHostileSamplesWhateverTheirName(String sample) {
        byte[] head = head(sample);
        assertThat(TypeSniffer.sniff(head, head.length)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj",
            "%!PS-Adobe-3.0\n%%BoundingBox: 0 0 64 64",
            "push graphic-context\nviewbox 0 0 64 64\n",
            "BMW and BMX are not bitmaps, whatever their first two letters say.",
            "GIF88a is not a GIF version",
            "RIFF\u0024\u0000\u0000\u0000WAVEfmt ",
            "hello"})
    void refusesTextAndOtherFormats(String text) {
        byte[] head = text.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(TypeSniffer.sniff(head, head.length)).isEmpty();
    }

    /** Markup and gzip are only candidates: the header reader then requires an {@code svg} root element. */
    @ParameterizedTest
    @ValueSource(strings = {
            "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "\uFEFF\n  <svg width=\"64\" height=\"64\"></svg>",
            "<!-- drawn by hand --><svg/>",
            "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"svg11.dtd\"><svg/>",
            "\u001f\u008b\u0008\u0000 gzip data"})
    void markupAndGzipAreSvgCandidates(String text) {
        byte[] head = text.replace("\uFEFF", "\u00ef\u00bb\u00bf").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(TypeSniffer.sniff(head, head.length)).contains(ImageType.SVG);
            }

    @Test
    void acceptsBmOnlyWithAKnownDibHeaderSize() {
        byte[] core = ByteWriter.start().ascii("BM").le32(100).le32(0).le32(26).le32(12).zeros(8).toBytes();
        byte[] info = ByteWriter.start().ascii("BM").le32(100).le32(0).le32(54).le32(40).zeros(24).toBytes();
        byte[] odd = ByteWriter.start().ascii("BM").le32(100).le32(0).le32(54).le32(41).zeros(24).toBytes();
        assertThat(TypeSniffer.sniff(core, core.length)).contains(ImageType.BMP);
        assertThat(TypeSniffer.sniff(info, info.length)).contains(ImageType.BMP);
        assertThat(TypeSniffer.sniff(odd, odd.length)).isEmpty();
    }

    @Test
    void recognisesBothTiffByteOrdersAndBigTiff() {
        for (int[] magic : new int[][] {{'I', 'I', 42, 0}, {'M', 'M', 0, 42}, {'I', 'I', 43, 0}, {'M', 'M', 0, 43}}) {
            byte[] head = ByteWriter.start().u8(magic).zeros(12).toBytes();
            assertThat(TypeSniffer.sniff(head, head.length)).as(Arrays.toString(magic)).contains(ImageType.TIFF);
        }
        byte[] wrongOrder = ByteWriter.start().u8('I', 'I', 0, 42).zeros(12).toBytes();
        assertThat(TypeSniffer.sniff(wrongOrder, wrongOrder.length)).isEmpty();
    }

    @Test
    void recognisesTheRawMakersOwnMagicAndBothJpegXlForms() {
        for (String magic : new String[] {"IIRO", "IIRS", "MMOR", "IIU\0"}) {
            byte[] head = ByteWriter.start().ascii(magic).zeros(12).toBytes();
            assertThat(TypeSniffer.sniff(head, head.length)).as(magic).contains(ImageType.RAW);
        }
        byte[] cr3 = ftyp("crx.", "crx.");
        assertThat(TypeSniffer.sniff(cr3, cr3.length)).as("Canon CR3").contains(ImageType.RAW);
        byte[] codestream = {(byte) 0xff, 0x0a, 0, 0};
        assertThat(TypeSniffer.sniff(codestream, codestream.length)).contains(ImageType.JXL);
        byte[] container = {0, 0, 0, 0x0c, 'J', 'X', 'L', ' ', 0x0d, 0x0a, (byte) 0x87, 0x0a, 0, 0, 0, 0x14};
        assertThat(TypeSniffer.sniff(container, container.length)).contains(ImageType.JXL);
    }

    @Test
    void recognisesGif87a() {
        byte[] head = ByteWriter.start().ascii("GIF87a").zeros(7).toBytes();
        assertThat(TypeSniffer.sniff(head, head.length)).contains(ImageType.GIF);
    }

    @Test
    void onlyTheFirstLengthBytesCount() {
        byte[] png = head("alpha.png");
        assertThat(TypeSniffer.sniff(png, 7)).isEmpty();
        assertThat(TypeSniffer.sniff(png, 8)).contains(ImageType.PNG);
        assertThat(TypeSniffer.sniff(png, 0)).isEmpty();
        assertThat(TypeSniffer.sniff(null, 8)).isEmpty();
        // A length beyond the array is clamped rather than thrown.
        assertThat(TypeSniffer.sniff(Arrays.copyOf(png, 8), 1000)).contains(ImageType.PNG);
    }

    @ParameterizedTest
    @CsvSource({
            "avif, '', AVIF",
            "avis, 'avis msf1', AVIF",
            "heic, 'mif1 heic', HEIC",
            "heix, '', HEIC",
            "hevc, 'msf1', HEIC",
            "mif1, 'mif1 miaf avif', AVIF",
            "mif1, 'mif1 heic', HEIC",
            "mif1, 'mif1 miaf', HEIC",
            "msf1, '', HEIC",
            "miaf, 'miaf avif', AVIF"})
    void readsHeifBrands(String major, String compatible, ImageType expected) {
        byte[] head = ftyp(major, compatible);
        assertThat(TypeSniffer.sniff(head, head.length)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"isom, 'isom iso2 mp41'", "qt.., ''", "mp42, 'mp42 isom'", "jp2., 'jp2.'"})
    void refusesOtherIsoMediaFiles(String major, String compatible) {
        byte[] head = ftyp(major, compatible);
        assertThat(TypeSniffer.sniff(head, head.length)).isEmpty();
    }

    @Test
    void ignoresBrandsOutsideTheFtypBox() {
        // The ftyp box is 16 bytes (no compatible brands); "avif" right after it belongs to the next box.
        byte[] head = ByteWriter.start().be32(16).ascii("ftyp").ascii("isom").be32(0).be32(12).ascii("avif")
                .zeros(4).toBytes();
        assertThat(TypeSniffer.sniff(head, head.length)).isEmpty();
    }

    // Brands are four characters; '.' stands for the trailing spaces some have, which CSV sources would trim.
    private static byte[] ftyp(String major, String compatible) {
        String[] brands = compatible.isEmpty() ? new String[0] : compatible.split(" ");
        ByteWriter w = ByteWriter.start().be32(16 + 4L * brands.length).ascii("ftyp")
                .ascii(major.replace('.', ' ')).be32(0);
        for (String brand : brands) {
            w.ascii(brand.replace('.', ' '));
        }
        return w.be32(8).ascii("free").toBytes();
    }

    private static byte[] head(String sample) {
        try (InputStream in = Files.newInputStream(Samples.get(sample))) {
            return in.readNBytes(TypeSniffer.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
