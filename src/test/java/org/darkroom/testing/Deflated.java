package org.darkroom.testing;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/** zlib streams for decompression-bomb tests: a little data on disk that inflates to a lot. */
public final class Deflated {
    private Deflated() {
    }

    /** Deflated zeros: about a thousandth of {@code expanded} on disk, {@code expanded} bytes once inflated. */
    public static byte[] zeros(long expanded) {
        Deflater deflater = new Deflater(9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (long fed = 0; fed < expanded; fed += zeros.length) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
