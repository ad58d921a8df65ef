package org.darkroom.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Reads an image's dimensions and frame count from its header with small bounded reads, so pixel and frame limits
 * can refuse an image before any decoder allocates memory for it.
 */
public final class HeaderReader {
    private static final String UNREADABLE =
            "The image header could not be read; the file may be truncated or corrupt. Send a complete, valid file.";

    private HeaderReader() {
    }

    /**
     * The header of {@code file}, whose bytes have already been sniffed as {@code type}. A file sniffed as a TIFF
     * may come back as {@link ImageType#RAW}: only its directories tell a camera raw from a plain TIFF.
     *
     * @throws DarkroomException {@link ErrorCode#EMPTY_INPUT} for an empty file, {@link ErrorCode#UNDECODABLE} when
     *                           the header is truncated, malformed or not of {@code type}, {@link ErrorCode#TOO_LARGE}
     *                           when its compressed metadata would expand past {@link PngMetadata#MAX_EXPANDED_BYTES}
     */
    public static ImageHeader read(Path file, ImageType type) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(type, "type");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                throw new DarkroomException(ErrorCode.EMPTY_INPUT, null, "empty file " + file);
            }
            Optional<ImageType> sniffed = sniff(channel, size);
            if (sniffed.isEmpty() || !sniffed.get().equals(type) && !(type == ImageType.RAW
                    && sniffed.get() == ImageType.TIFF)) {
                throw new BadHeaderException("bytes are " + sniffed.map(Enum::name).orElse("not an allowed type")
                        + ", expected " + type);
            }
            if (type == ImageType.SVG) {
                return svg(file);
            }
            return parse(new HeaderInput(channel, size), type);
        } catch (MetadataBombException e) {
            throw new DarkroomException(ErrorCode.TOO_LARGE, "The image's compressed metadata (text or colour"
                    + " profile chunks) expands to more than " + PngMetadata.MAX_EXPANDED_BYTES / (1024 * 1024)
                    + " MiB. Send the image without that metadata.", type + " header of " + file + ": " + e.getMessage());
        } catch (BadHeaderException e) {
            throw new DarkroomException(ErrorCode.UNDECODABLE, UNREADABLE,
                    type + " header of " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new DarkroomException(ErrorCode.INTERNAL, null, "reading the header of " + file + ": " + e, e);
        }
    }

    private static ImageHeader parse(HeaderInput in, ImageType type)
            throws IOException, BadHeaderException, MetadataBombException {
        return switch (type) {
            case JPEG -> JpegParser.read(in);
            case PNG -> PngParser.read(in);
            case GIF -> GifParser.read(in);
            case WEBP -> WebpParser.read(in);
            case RAW -> raw(in);
            case TIFF -> {
                Optional<ImageHeader> raw = RawParser.read(in);
                yield raw.isPresent() ? raw.get() : TiffParser.read(in);
            }
            case JXL -> JxlParser.read(in);
            case BMP -> BmpParser.read(in);
            case HEIC, AVIF -> IsoBmffParser.read(in, type);
            case SVG -> throw new IllegalArgumentException("an SVG is read as a document, see svg()");
        };
    }

    // Camera raws come in three containers: the makers' own (RAF), ISO BMFF (CR3), and TIFF directories (the rest).
    private static ImageHeader raw(HeaderInput in) throws IOException, BadHeaderException {
        if (in.fourcc(0).equals("FUJI")) {
            return RafParser.read(in);
        }
        if (in.fourcc(4).equals("ftyp")) {
            return Cr3Parser.read(in);
        }
        return RawParser.read(in).orElseThrow(() -> new BadHeaderException("a TIFF without camera raw data"));
    }

    private static ImageHeader svg(Path file) throws IOException, BadHeaderException {
        if (!SvgParser.expandsWithinLimit(file)) {
            throw new DarkroomException(ErrorCode.TOO_LARGE, "The compressed SVG expands to more than "
                    + SvgParser.MAX_EXPANDED_BYTES / (1024 * 1024) + " MiB. Send a smaller drawing.",
                    "svgz expands past " + SvgParser.MAX_EXPANDED_BYTES + " bytes");
        }
        return SvgParser.read(file);
    }

    // Parsers trust the magic numbers they start from, so a caller's type is checked against the bytes first.
    private static Optional<ImageType> sniff(FileChannel channel, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(TypeSniffer.HEAD_BYTES, size));
        while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
            // keep reading: a channel may return fewer bytes than asked
        }
        return TypeSniffer.sniff(head.array(), head.position());
    }
}
