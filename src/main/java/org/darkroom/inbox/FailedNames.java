package org.darkroom.inbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names in {@code failed/}: where a failed input is kept and where its error record goes, chosen so that no two
 * inputs and no input and record can ever share a name.
 *
 * <p>An ordinary name keeps itself, and its record is {@code <name>.error.json}. A name that could be mistaken for a
 * record or for a renamed input (ending in {@value #RECORD} or {@value #RENAMED}), or that the file system and
 * camel-file cannot carry (see {@link InboxFiles#isCarriable}), is kept as
 * {@code <readable prefix>.<hash of the whole name>.renamed} instead, and its record says the original name. So
 * kept inputs never end in {@value #RECORD}, records always do, and renamed inputs are told apart by a 96-bit hash.
 *
 * @param shown  the original name as text (a name that is not UTF-8 shows U+FFFD where its bytes were invalid)
 * @param stored the name the input is kept under in {@code failed/}
 */
public record FailedNames(String shown, String stored) {
    static final String RECORD = ".error.json";
    static final String RENAMED = ".renamed";
    private static final int PREFIX_BYTES = 100;

    /** The names for an input camel-file picked up: its name is text that round-trips. */
    public static FailedNames of(String name) {
        if (InboxFiles.isCarriable(name) && !name.endsWith(RECORD) && !name.endsWith(RENAMED)) {
            return new FailedNames(name, name);
        }
        return new FailedNames(name, renamed(name, "text:" + name));
    }

    /** The names for an entry found in the inbox folder, whose name may be bytes that are not UTF-8. */
    static FailedNames of(Path fileName) {
        String shown = fileName.toString();
        if (Path.of(shown).equals(fileName)) {
            return of(shown);
        }
        // The URI form keeps every byte of the name (percent-escaped), so different names hash differently.
        return new FailedNames(shown, renamed(shown, "bytes:" + fileName.toUri().getRawPath()));
    }

    /** The error record's name. */
    public String record() {
        return stored + RECORD;
    }

    private static String renamed(String shown, String identity) {
        return prefix(shown) + "." + HexFormat.of().formatHex(sha256(identity), 0, 12) + RENAMED;
    }

    /** The start of the name, cut to a whole character, with what the file system or a shell would trip on replaced. */
    private static String prefix(String name) {
        StringBuilder prefix = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            i += Character.charCount(codePoint);
            boolean plain = codePoint >= 0x20 && codePoint != 0x7f && codePoint != '\\' && codePoint != 0xfffd
                    && !Character.isSurrogate((char) codePoint) && !Character.isISOControl(codePoint);
            String piece = plain ? new String(Character.toChars(codePoint)) : "_";
            int size = piece.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > PREFIX_BYTES) {
                break;
            }
            prefix.append(piece);
            bytes += size;
        }
        return prefix.toString();
    }

    private static byte[] sha256(String identity) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
