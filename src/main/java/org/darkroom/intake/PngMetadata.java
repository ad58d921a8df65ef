package org.darkroom.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Bounds what a PNG's compressed metadata (zTXt, compressed iTXt, iCCP) expands to, before any decoder sees it.
 *
 * <p>libpng inflates these chunks whole into memory, with no limit of its own in the builds Darkroom runs on: a
 * 1 MB zTXt chunk of zeros becomes about a gigabyte of text in ImageMagick. Every chunk of the file (before and
 * after the image data) is walked by its length, and each compressed one is inflated here into a small scratch
 * buffer, counting bytes and stopping at the cap, so checking costs milliseconds and a few kilobytes of heap.
 */
final class PngMetadata {
    /** The most bytes all compressed metadata of one PNG may expand to: room for large ICC profiles and XMP. */
    static final long MAX_EXPANDED_BYTES = 16L * 1024 * 1024;
    // Keyword (1-79 bytes), its NUL and the method bytes come first; iTXt adds language and translated keyword.
    private static final int PREFIX_BYTES = 4096;

    private PngMetadata() {
    }

    /** Walks the chunks from {@code pos} to IEND (or the end of a truncated file) and inflates the compressed ones. */
    static void check(HeaderInput in, long pos) throws IOException, BadHeaderException, MetadataBombException {
        long budget = MAX_EXPANDED_BYTES;
        for (int chunks = 0; in.has(pos, 12); chunks++) {
            if (chunks >= HeaderInput.MAX_STEPS) {
                throw new BadHeaderException("PNG has more than " + HeaderInput.MAX_STEPS + " chunks");
            }
            long length = in.u32be(pos);
            String kind = in.fourcc(pos + 4);
            if ("IEND".equals(kind) || !in.has(pos + 8, length)) {
                return; // a chunk cut short is the decoder's error to report; nothing past it is read
            }
            long start = compressedStart(in, kind, pos + 8, length);
            if (start >= 0) {
                budget -= inflatedSize(in.range(start, pos + 8 + length - start), budget);
                if (budget < 0) {
                    throw new MetadataBombException("PNG " + kind + " chunk at offset " + pos
                            + " expands past " + MAX_EXPANDED_BYTES + " bytes of metadata");
                }
            }
            pos += 12 + length;
        }
    }

    /** Where the zlib stream of a compressed metadata chunk starts, or -1 for every other chunk. */
    private static long compressedStart(HeaderInput in, String kind, long data, long length)
            throws IOException, BadHeaderException {
        if (!"zTXt".equals(kind) && !"iTXt".equals(kind) && !"iCCP".equals(kind)) {
            return -1;
        }
        byte[] prefix = in.range(data, Math.min(length, PREFIX_BYTES)).readAllBytes();
        int keywordEnd = indexOfNul(prefix, 0);
        if (keywordEnd < 0) {
            return -1;
        }
        if (!"iTXt".equals(kind)) {
            return data + keywordEnd + 2; // NUL, compression method
        }
        if (keywordEnd + 2 >= prefix.length || prefix[keywordEnd + 1] == 0) {
            return -1; // uncompressed iTXt
        }
        int languageEnd = indexOfNul(prefix, keywordEnd + 3);
        int translatedEnd = languageEnd < 0 ? -1 : indexOfNul(prefix, languageEnd + 1);
        return translatedEnd < 0 ? -1 : data + translatedEnd + 1;
    }

    private static int indexOfNul(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes the stream inflates to, counted up to one past {@code cap}; corrupt data counts what came out. */
    private static long inflatedSize(InputStream compressed, long cap) throws IOException {
        byte[] scratch = new byte[64 * 1024];
        long total = 0;
        Inflater inflater = new Inflater();
        try (InputStream in = new InflaterInputStream(compressed, inflater, 8192)) {
            for (int n; total <= cap && (n = in.read(scratch)) > 0; ) {
                total += n;
            }
        } catch (java.util.zip.ZipException corrupt) {
            // libpng reports a broken stream itself; what matters here is only how much it can expand.
        } finally {
            inflater.end();
        }
        return total;
    }
}
