package org.darkroom.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/** Copies a response body into a file, counting bytes as they arrive and stopping one byte past the cap. */
final class BodyCopy {

    private BodyCopy() {
    }

    /**
     * Writes {@code body} into {@code target} and returns the byte count.
     *
     * @throws DarkroomException TOO_LARGE as soon as more than {@code maxBytes} arrive; at most {@code maxBytes}
     *                           have been written, and the caller closes (aborts) the stream
     */
    static long copy(InputStream body, Path target, long maxBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            if (body == null) {
                return 0;
            }
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            while (true) {
                // Never ask for more than one byte past the cap: that byte alone proves the body too large.
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - total + 1));
                if (n < 0) {
                    return total;
                }
                if (total + n > maxBytes) {
                    throw tooLarge("more than " + maxBytes + " bytes arrived");
                }
                out.write(buffer, 0, n);
                total += n;
            }
        }
    }

    /**
     * Refuses a body whose Content-Length already declares more than the cap. Only ever a reason to stop
     * early: a smaller declared length is not trusted, {@link #copy} counts regardless.
     */
    static void refuseDeclaredOversize(String contentLength, long maxBytes) {
        long declared;
        try {
            declared = contentLength == null ? -1 : Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return;   // a malformed length declares nothing
        }
        if (declared > maxBytes) {
            throw tooLarge("Content-Length " + declared + " is over the cap of " + maxBytes);
        }
    }

    /** The error for a body past the cap, whether counted or declared in Content-Length. */
    static DarkroomException tooLarge(String detail) {
        return new DarkroomException(ErrorCode.TOO_LARGE,
                "The image at the URL is larger than the configured byte limit; send a smaller image or raise the limit.",
                detail);
    }
}
