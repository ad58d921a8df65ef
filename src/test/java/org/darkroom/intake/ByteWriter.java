package org.darkroom.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds crafted headers byte by byte, so each test shows exactly which field it breaks. */
final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ByteWriter start() {
        return new ByteWriter();
    }

    ByteWriter u8(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    ByteWriter ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    ByteWriter bytes(byte[] data) {
        out.writeBytes(data);
        return this;
    }

    ByteWriter zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    ByteWriter be16(int v) {
        return u8(v >>> 8, v);
    }

    ByteWriter le16(int v) {
        return u8(v, v >>> 8);
    }

    ByteWriter le24(int v) {
        return u8(v, v >>> 8, v >>> 16);
    }

    ByteWriter be32(long v) {
        return be16((int) (v >>> 16)).be16((int) v);
    }

    ByteWriter le32(long v) {
        return le16((int) v).le16((int) (v >>> 16));
    }

    ByteWriter be64(long v) {
        return be32(v >>> 32).be32(v);
    }

    ByteWriter le64(long v) {
        return le32(v).le32(v >>> 32);
    }

    /** An ISO-BMFF box: 32-bit size, type, then the given payload. */
    ByteWriter box(String type, byte[] payload) {
        return be32(8L + payload.length).ascii(type).bytes(payload);
    }

    int size() {
        return out.size();
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
