package org.darkroom.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Newline-delimited messages read from a stream, each at most {@code maxBytes}: a longer line is skipped to its end
 * and reported as {@link #TOO_LONG}, so one oversize message costs bounded memory and the next one is still read.
 */
final class BoundedLines {
    /** Returned in place of a line longer than the limit. */
    static final byte[] TOO_LONG = new byte[0];

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its {@code \n} (or {@code \r\n}), {@link #TOO_LONG}, or {@code null} at the end. */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        while (true) {
            if (start == end) {
                end = in.read(buffer, 0, buffer.length);
                start = 0;
                if (end < 0) {
                    end = 0;
                    // A last line without its newline still counts; nothing at all means the client has gone.
                    return line.size() > 0 || tooLong ? finish(line, tooLong) : null;
                }
            }
            int newline = start;
            while (newline < end && buffer[newline] != '\n') {
                newline++;
            }
            if (!tooLong) {
                line.write(buffer, start, newline - start);
                if (line.size() > maxBytes + 1) {
                    tooLong = true;
                    line.reset();
                }
            }
            boolean found = newline < end;
            start = found ? newline + 1 : end;
            if (found) {
                return finish(line, tooLong);
            }
        }
    }

    private byte[] finish(ByteArrayOutputStream line, boolean tooLong) {
        if (tooLong) {
            return TOO_LONG;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (length > maxBytes) {
            return TOO_LONG;
        }
        return length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
    }
}
