package org.darkroom.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** The configured API keys, checked in constant time so response timing reveals nothing about a key. */
public final class ApiKeys {
    private static final String BEARER = "Bearer ";
    private final List<byte[]> keys;

    public ApiKeys(List<String> keys) {
        this.keys = keys.stream().map(String::trim).filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public boolean required() {
        return !keys.isEmpty();
    }

    /** Whether an {@code Authorization} header value carries one of the keys (always true when none is set). */
    public boolean admits(String authorization) {
        if (!required()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            // Every key is compared, so the time taken does not say which one (if any) came close.
            match |= MessageDigest.isEqual(key, given);
        }
        return match;
    }
}
