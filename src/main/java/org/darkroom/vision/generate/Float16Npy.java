package org.darkroom.vision.generate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A little-endian float16, C-ordered {@code .npy} array (format v1 to v3), such as {@code initial_kv_cache.npy}. */
record Float16Npy(long[] shape, short[] data) {
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static Float16Npy parse(byte[] npy) {
        if (npy.length < 10 || npy[0] != (byte) 0x93 || !new String(npy, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new IllegalArgumentException("Not a .npy file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        int major = npy[6];
        // v1 has a 2-byte header length; v2 and v3 widened it to 4 bytes.
        int start = major == 1 ? 10 : 12;
        int headerLength = major == 1 ? Short.toUnsignedInt(buffer.getShort(8)) : buffer.getInt(8);
        String header = new String(npy, start, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '<f2'") || !header.contains("'fortran_order': False")) {
            throw new IllegalArgumentException("Expected a little-endian float16 C-ordered .npy, header " + header.strip());
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException("No shape in .npy header " + header.strip());
        }
        long[] shape = Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        buffer.position(start + headerLength);
        if (buffer.remaining() != count * 2) {
            throw new IllegalArgumentException(".npy holds " + buffer.remaining() / 2 + " values, shape "
                    + Arrays.toString(shape) + " needs " + count);
        }
        short[] data = new short[(int) count];
        buffer.asShortBuffer().get(data);
        return new Float16Npy(shape, data);
    }
}
