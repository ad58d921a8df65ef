package org.darkroom.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Turns whatever a door received into an {@link AcceptedImage}, or refuses it with a stable code.
 *
 * <p>Checks run cheapest first, and all before any ImageMagick process starts: bytes capped while copying,
 * magic numbers sniffed, the allowlist, the declared name against the bytes, then the header's pixels and frames.
 */
public final class Intake {
    private static final int COPY_BUFFER = 64 * 1024;
    private static final String INPUT = "input";
    private final IntakeLimits limits;

    public Intake(IntakeLimits limits) {
        this.limits = limits;
    }

    public IntakeLimits limits() {
        return limits;
    }

    /**
     * Accepts a file, refusing an oversized one before reading it.
     *
     * <p>The bytes are copied into the job directory, hashed as they pass, and every check reads the copy: a link
     * to the source would let whoever can write the source (a drop folder's users, an MCP caller's own file)
     * change what ImageMagick decodes after intake has checked it. The copy costs about one write of the input.
     */
    public AcceptedImage receive(Path source, DeclaredType declared, JobDir job) {
        try {
            if (Files.size(source) > limits.maxBytes()) {
                throw tooLarge();
            }
            try (InputStream in = Files.newInputStream(source)) {
                return receive(in, declared, job);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Accepts a file Darkroom itself wrote into its private work area (a request body, a download), which no one else
     * can change: it is moved into the job directory instead of copied, and hashed with one read.
     */
    public AcceptedImage adopt(Path privateFile, DeclaredType declared, JobDir job) {
        try {
            long size = Files.size(privateFile);
            if (size > limits.maxBytes()) {
                throw tooLarge();
            }
            Path file = job.file(INPUT);
            Files.move(privateFile, file, StandardCopyOption.ATOMIC_MOVE);
            return check(file, size, sha256Of(file), declared);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts a stream, copying it into the job directory and stopping as soon as it passes the byte limit. */
    public AcceptedImage receive(InputStream in, DeclaredType declared, JobDir job) {
        Path file = job.file(INPUT);
        MessageDigest sha256 = sha256();
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[COPY_BUFFER];
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw tooLarge();
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return check(file, total, HexFormat.of().formatHex(sha256.digest()), declared);
    }

    private AcceptedImage check(Path file, long bytes, String sha256, DeclaredType declared) {
        if (bytes == 0) {
            throw new DarkroomException(ErrorCode.EMPTY_INPUT);
        }
        ImageType type = TypeSniffer.sniff(head(file), (int) Math.min(bytes, TypeSniffer.HEAD_BYTES))
                .orElseThrow(() -> new DarkroomException(ErrorCode.UNSUPPORTED_TYPE));
        ImageHeader header;
        if (type == ImageType.SVG || type == ImageType.TIFF) {
            // Markup is an SVG only if its root element says so: other XML (MSL, XHTML) is not an image type at
            // all, whatever name it came under; a TIFF's directories say whether it is a camera raw. So the header
            // is read before the name is compared.
            header = HeaderReader.read(file, type);
            declared.requireMatches(header.type());
        } else {
            declared.requireMatches(type);
            header = HeaderReader.read(file, type);
        }
        if (header.largestFramePixels() > limits.maxPixels()) {
            throw new DarkroomException(ErrorCode.TOO_MANY_PIXELS, "The image is " + header.width() + "×"
                    + header.height() + " (" + megapixels(header.largestFramePixels()) + " MP); the limit is "
                    + megapixels(limits.maxPixels()) + " MP. Send a smaller image or raise darkroom.limits.max-pixels.");
        }
        if (header.frames() > limits.maxFrames()) {
            throw new DarkroomException(ErrorCode.TOO_MANY_FRAMES, "The image has " + header.frames()
                    + " frames; the limit is " + limits.maxFrames()
                    + ". Send fewer frames or raise darkroom.limits.max-frames.");
        }
        return new AcceptedImage(file, header, bytes, sha256, declared.name());
    }

    private DarkroomException tooLarge() {
        return new DarkroomException(ErrorCode.TOO_LARGE, "The input is larger than the limit of "
                + limits.maxBytes() + " bytes. Send a smaller file or raise darkroom.limits.max-bytes.");
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(TypeSniffer.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[COPY_BUFFER];
            for (int n; (n = in.read(buffer)) != -1; ) {
                sha256.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static String megapixels(long pixels) {
        return String.format(Locale.ROOT, "%.1f", pixels / 1_000_000.0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
