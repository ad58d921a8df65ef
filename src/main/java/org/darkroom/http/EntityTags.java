package org.darkroom.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Strong entity tags made from bytes, and the {@code If-None-Match} test, for every answer the server tags. */
final class EntityTags {
    private EntityTags() {
    }

    /** The quoted tag of {@code bytes}: 128 bits of their SHA-256, so no two answers meet by chance. */
    static String strong(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Whether an {@code If-None-Match} value names {@code tag} (weakly compared, as RFC 9110 says for this header). */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || (trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
