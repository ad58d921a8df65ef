package org.darkroom.vision.bundle;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The entries of an official Moondream {@code .mf} (or gzipped {@code .mf.gz}) model bundle, read into memory.
 *
 * <p>Format (the Python client's {@code moonfile.py}): {@code "MOON"}, a version byte that must be 1, then
 * records of a big-endian uint32 name length, the UTF-8 name, a big-endian uint64 content length and the
 * content, until end of file. Every length is checked before anything is allocated, so a corrupt or hostile
 * file fails with a {@link BundleException} instead of an {@link OutOfMemoryError}.
 */
public final class MoondreamBundle {
    /** The entries the official client asserts; without any of them the model cannot run. */
    public static final List<String> REQUIRED = List.of(
            "vision_encoder.onnx", "vision_projection.onnx", "text_encoder.onnx", "text_decoder.onnx",
            "coord_encoder.onnx", "coord_decoder.onnx", "size_encoder.onnx", "size_decoder.onnx",
            "tokenizer.json", "config.json", "initial_kv_cache.npy");

    private static final byte[] MAGIC = {'M', 'O', 'O', 'N'};
    private static final int VERSION = 1;
    /** Real names are about 25 bytes; anything this long means the header is garbage. */
    private static final int MAX_NAME_BYTES = 1024;
    /** A Java array cannot be larger; the real 2B decoder is well below it. */
    private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 16;
    /** Gzip sizes are unknown up front, so entries grow in chunks and a lying length fails at end of file. */
    private static final int CHUNK = 1 << 20;

    private final Map<String, byte[]> entries;
    private String sha256;
    private long bytesRead;

    private MoondreamBundle(Map<String, byte[]> entries) {
        this.entries = entries;
    }

    /** Reads {@code file}; a name ending in {@code .gz} is gunzipped on the fly. */
    public static MoondreamBundle read(Path file) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            throw new BundleException("The model bundle " + file.getFileName() + " cannot be read (" + e.getMessage()
                    + "): check the path, or " + BundleException.REMEDY, e);
        }
        MessageDigest digest = sha256Digest();
        long[] counted = new long[1];
        try (InputStream raw = new BufferedInputStream(new DigestInputStream(counting(Files.newInputStream(file),
                counted), digest), 1 << 16);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            // For a plain file the remaining byte count bounds every length; for gzip it is unknown.
            MoondreamBundle bundle = parse(new DataInputStream(in), gzip ? -1 : fileSize);
            raw.transferTo(OutputStream.nullOutputStream());       // anything after the gzip data, for the digest
            bundle.sha256 = HexFormat.of().formatHex(digest.digest());
            bundle.bytesRead = counted[0];
            return bundle;
        } catch (ZipException e) {
            throw new BundleException("The model bundle is not a valid gzip file (" + e.getMessage() + "): "
                    + BundleException.REMEDY, e);
        } catch (EOFException e) {
            throw truncated();
        } catch (IOException e) {
            throw new BundleException("The model bundle " + file.getFileName() + " cannot be read (" + e.getMessage()
                    + "): " + BundleException.REMEDY, e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * The SHA-256 of the file's bytes as they were read here: a caller deciding whether to trust the bundle judges
     * the very bytes it will load, with no second read and no chance of a file swapped in between.
     */
    public String sha256() {
        return sha256;
    }

    /** How many bytes of the file were read (the whole file). */
    public long bytesRead() {
        return bytesRead;
    }

    /** {@code in}, adding every byte read from it to {@code count[0]}. */
    private static InputStream counting(InputStream in, long[] count) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count[0] += n;
                }
                return n;
            }
        };
    }

    private static MoondreamBundle parse(DataInputStream in, long size) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        int got = in.readNBytes(magic, 0, magic.length);
        if (got < magic.length || !Arrays.equals(magic, MAGIC)) {
            throw new BundleException("The file is not a Moondream model bundle (it does not start with \"MOON\"): "
                    + BundleException.REMEDY);
        }
        int version = in.read();
        if (version < 0) {
            throw truncated();
        }
        if (version != VERSION) {
            throw new BundleException("The model bundle has format version " + version + ", but only version "
                    + VERSION + " is supported: " + BundleException.REMEDY);
        }
        long position = MAGIC.length + 1;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        while (true) {
            int first = in.read();
            if (first < 0) {
                break; // clean end of file between records: the only legal way to end
            }
            long nameLength = ((long) first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
                    | in.readUnsignedByte();
            position += 4;
            if (nameLength == 0 || nameLength > MAX_NAME_BYTES) {
                throw corrupt("an entry name length of " + nameLength + " bytes");
            }
            checkFits(size, position, nameLength);
            byte[] nameBytes = in.readNBytes((int) nameLength);
            if (nameBytes.length < nameLength) {
                throw truncated();
            }
            position += nameLength;
            String name = baseName(decode(nameBytes));
            long contentLength = in.readLong();
            position += 8;
            if (contentLength < 0 || contentLength > MAX_ENTRY_BYTES) {
                throw corrupt("entry " + name + " claims " + Long.toUnsignedString(contentLength) + " bytes");
            }
            checkFits(size, position, contentLength);
            byte[] content = readContent(in, (int) contentLength, size >= 0);
            position += contentLength;
            if (entries.putIfAbsent(name, content) != null) {
                throw new BundleException("The model bundle contains the entry " + name + " twice: "
                        + BundleException.REMEDY);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : REQUIRED) {
            if (!entries.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new BundleException("The model bundle is incomplete: it lacks " + String.join(", ", missing) + ": "
                    + BundleException.REMEDY);
        }
        return new MoondreamBundle(Collections.unmodifiableMap(entries));
    }

    /** Refuses a length that runs past the end of a plain file before a single byte is allocated for it. */
    private static void checkFits(long size, long position, long length) {
        if (size >= 0 && length > size - position) {
            throw truncated();
        }
    }

    private static byte[] readContent(DataInputStream in, int length, boolean sizeKnown) throws IOException {
        if (sizeKnown) {
            byte[] content = in.readNBytes(length);
            if (content.length < length) {
                throw truncated();
            }
            return content;
        }
        // Unknown total size (gzip): grow chunk by chunk so a false length costs at most what is really there.
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(length, CHUNK));
        byte[] buffer = new byte[Math.min(length, CHUNK)];
        int remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, Math.min(remaining, buffer.length));
            if (n < 0) {
                throw truncated();
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
        return out.toByteArray();
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt("an entry name that is not UTF-8");
        }
    }

    /** The client keys entries by the part after the last '/', so a directory prefix is not part of the name. */
    private static String baseName(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (base.isEmpty()) {
            throw corrupt("an entry with an empty name");
        }
        return base;
    }

    private static BundleException truncated() {
        return new BundleException("The model bundle is truncated (it ends in the middle of an entry): "
                + BundleException.REMEDY);
    }

    private static BundleException corrupt(String what) {
        return new BundleException("The model bundle is corrupt (" + what + "): " + BundleException.REMEDY);
    }

    /** The entry names, in file order, without any directory prefix. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** The bytes of entry {@code name} (shared, do not modify); refused if the bundle has no such entry. */
    public byte[] entry(String name) {
        byte[] content = entries.get(name);
        if (content == null) {
            throw new BundleException("The model bundle has no entry " + name + ": " + BundleException.REMEDY);
        }
        return content;
    }
}
