package org.darkroom.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Random access to a file's bytes through one small fixed window, for walking headers without reading the file.
 *
 * <p>Every read names its absolute offset and is at most {@link #MAX_READ} bytes, so no buffer is ever sized
 * from a value in the file; reading past the end is a {@link BadHeaderException}, which is what a truncated
 * header is.
 */
final class HeaderInput {
    /** The most bytes one call may ask for; parsers only ever need a handful. */
    static final int MAX_READ = 64;
    /** Frames, pages or blocks any walk visits before giving up; far above any frame limit Darkroom allows. */
    static final int MAX_STEPS = 100_000;

    private final FileChannel channel;
    private final long size;
    // Walks are mostly forward and local, so a window turns thousands of tiny reads into a few system calls.
    private final byte[] window = new byte[8192];
    private long windowStart;
    private int windowLength;

    HeaderInput(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /** A width or height as an int; zero, negative or beyond 2^31-1 is not a dimension any decoder accepts. */
    static int dimension(long value, String what) throws BadHeaderException {
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new BadHeaderException(what + " out of range: " + value);
        }
        return (int) value;
    }

    long size() {
        return size;
    }

    /** Bytes [pos, pos+length) as a stream read straight from the file, for data that is inflated, not parsed. */
    InputStream range(long pos, long length) throws BadHeaderException {
        if (!has(pos, length)) {
            throw new BadHeaderException("truncated: needed " + length + " bytes at offset " + pos + " of " + size);
        }
        return new InputStream() {
            private long next = pos;
            private final long end = pos + length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (next >= end) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - next)), next);
                if (n > 0) {
                    next += n;
                }
                return n;
            }
        };
    }

    boolean has(long pos, long n) {
        return pos >= 0 && n >= 0 && pos <= size && n <= size - pos;
    }

    int u8(long pos) throws IOException, BadHeaderException {
        return window[at(pos, 1)] & 0xff;
    }

    int u16(long pos, boolean littleEndian) throws IOException, BadHeaderException {
        return (int) number(pos, 2, littleEndian);
    }

    long u32(long pos, boolean littleEndian) throws IOException, BadHeaderException {
        return number(pos, 4, littleEndian);
    }

    /** An unsigned 64-bit field; values that do not fit a long are malformed, not merely large. */
    long u64(long pos, boolean littleEndian) throws IOException, BadHeaderException {
        long v = number(pos, 8, littleEndian);
        if (v < 0) {
            throw new BadHeaderException("64-bit field above 2^63 at offset " + pos);
        }
        return v;
    }

    int u16be(long pos) throws IOException, BadHeaderException {
        return u16(pos, false);
    }

    long u32be(long pos) throws IOException, BadHeaderException {
        return u32(pos, false);
    }

    int u16le(long pos) throws IOException, BadHeaderException {
        return u16(pos, true);
    }

    long u32le(long pos) throws IOException, BadHeaderException {
        return u32(pos, true);
    }

    /** Four bytes as ISO-8859-1 text: chunk and box types compare as plain strings. */
    String fourcc(long pos) throws IOException, BadHeaderException {
        int i = at(pos, 4);
        return new String(window, i, 4, StandardCharsets.ISO_8859_1);
    }

    private long number(long pos, int n, boolean littleEndian) throws IOException, BadHeaderException {
        int i = at(pos, n);
        long v = 0;
        for (int k = 0; k < n; k++) {
            int b = window[i + (littleEndian ? n - 1 - k : k)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    /** Makes bytes [pos, pos+n) resident and returns their index in the window. */
    private int at(long pos, int n) throws IOException, BadHeaderException {
        if (n > MAX_READ || !has(pos, n)) {
            throw new BadHeaderException("truncated: needed " + n + " bytes at offset " + pos + " of " + size);
        }
        if (pos < windowStart || pos + n > windowStart + windowLength) {
            fill(pos);
            if (windowLength < n) {
                throw new BadHeaderException("file shrank while reading at offset " + pos);
            }
        }
        return (int) (pos - windowStart);
    }

    private void fill(long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(window, 0, (int) Math.min(window.length, size - pos));
        while (buf.hasRemaining()) {
            if (channel.read(buf, pos + buf.position()) < 0) {
                break;
            }
        }
        windowStart = pos;
        windowLength = buf.position();
    }
}
