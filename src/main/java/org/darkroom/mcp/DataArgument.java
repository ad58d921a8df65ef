package org.darkroom.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;
import org.darkroom.intake.DeclaredType;

/**
 * Decodes the {@code data} argument, plain base64 or a {@code data:image/…;base64,} URI, as a stream.
 *
 * <p>Streaming matters: intake counts the decoded bytes as it copies them and stops at the byte limit, so an
 * oversized payload is refused without a second, decoded copy of it in memory. Whitespace (line-wrapped base64) is
 * skipped; any other character outside the base64 alphabet is a {@code bad_parameter}.
 */
final class DataArgument {
    private static final String SCHEME = "data:";
    private static final String BASE64 = ";base64";

    /** The decoded bytes as a stream, and the media type a data URI declared (checked against the bytes later). */
    record Decoded(InputStream bytes, DeclaredType declared) {
    }

    private DataArgument() {
    }

    static Decoded decode(String data) {
        int start = 0;
        String mediaType = null;
        if (data.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            int comma = data.indexOf(',');
            String header = comma < 0 ? "" : data.substring(SCHEME.length(), comma).toLowerCase(Locale.ROOT);
            if (comma < 0 || !header.endsWith(BASE64)) {
                throw new DarkroomException(ErrorCode.BAD_PARAMETER,
                        "A data: URI must be base64-encoded, such as data:image/png;base64,iVBORw0….");
            }
            mediaType = header.substring(0, header.length() - BASE64.length()).split(";", 2)[0].trim();
            start = comma + 1;
        }
        InputStream decoded = Base64.getDecoder().wrap(new Base64Chars(data, start));
        return new Decoded(new ParameterErrors(decoded), new DeclaredType(null, mediaType));
    }

    /** The characters of a string from {@code start} as ASCII bytes, whitespace skipped. */
    private static final class Base64Chars extends InputStream {
        private final String text;
        private int position;

        Base64Chars(String text, int start) {
            this.text = text;
            this.position = start;
        }

        @Override
        public int read() {
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (!Character.isWhitespace(c)) {
                    // Outside ASCII becomes a byte the decoder rejects, rather than a truncated look-alike.
                    return c < 0x80 ? c : '!';
                }
            }
            return -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                int b = read();
                if (b < 0) {
                    break;
                }
                buffer[offset + n++] = (byte) b;
            }
            return n == 0 && length > 0 ? -1 : n;
        }
    }

    /** Turns the decoder's complaint about an illegal character into the caller's error, with a stable code. */
    private static final class ParameterErrors extends InputStream {
        private final InputStream in;

        ParameterErrors(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() {
            try {
                return in.read();
            } catch (IOException | IllegalArgumentException e) {
                throw invalid(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException | IllegalArgumentException e) {
                throw invalid(e);
            }
        }

        private static DarkroomException invalid(Exception e) {
            return new DarkroomException(ErrorCode.BAD_PARAMETER, "data is not valid base64. Send the file's bytes"
                    + " base64-encoded, or as a data: URI.", "bad base64: " + e.getMessage());
        }
    }
}
