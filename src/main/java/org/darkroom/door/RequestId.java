package org.darkroom.door;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The id that follows one request through the log, its metrics and its record. A caller may bring its own (the
 * HTTP header {@code X-Request-Id}) to find its request in Darkroom's log; otherwise one is made.
 */
public final class RequestId {
    /** The HTTP header a caller may send and always gets back. */
    public static final String HEADER = "X-Request-Id";
    /**
     * What a caller's id may hold: enough for UUIDs, ULIDs and trace ids, nothing that could split a log line,
     * forge a key=value pair or need escaping in a header or JSON.
     */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestId() {
    }

    /** The caller's id when it is a usable one, else a new one (a caller's malformed id is replaced, not refused). */
    public static String from(String given) {
        return given != null && ACCEPTED.matcher(given).matches() ? given : create();
    }

    /** A new id: 16 random hex digits, unique enough to grep for across a service's lifetime. */
    public static String create() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
