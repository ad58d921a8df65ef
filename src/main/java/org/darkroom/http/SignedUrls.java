package org.darkroom.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed GET addresses, as imgproxy has them: whoever holds a signing key may hand out an address that runs one flow
 * on one source with fixed parameters, and a CDN may cache its answer, without the caller holding an API key.
 *
 * <p>The signature is the last query parameter, {@code signature}: HMAC-SHA256, keyed by a signing key, of the
 * request target before it (path and query exactly as sent, {@code &signature=} excluded), base64url without
 * padding. An {@code expires} parameter (Unix seconds), when signed in, ends the address's life. Several keys may be
 * configured, so a new key can be rolled out before the old one is removed.
 */
final class SignedUrls {
    static final String SIGNATURE = "signature";
    static final String EXPIRES = "expires";
    private static final String MARK = "&" + SIGNATURE + "=";
    private static final String ALGORITHM = "HmacSHA256";

    /** What a GET's address says about its caller. */
    enum Verdict { SIGNED, UNSIGNED, BAD_SIGNATURE, EXPIRED }

    private final List<byte[]> keys;

    SignedUrls(List<String> keys) {
        this.keys = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** {@code target}: the request's path and query as received, still percent-encoded. */
    Verdict check(String target, Instant now) {
        int mark = target.lastIndexOf(MARK);
        if (mark < 0) {
            // A signature anywhere but last signs nothing after it, so it is refused rather than ignored.
            return target.contains(SIGNATURE + "=") ? Verdict.BAD_SIGNATURE : Verdict.UNSIGNED;
        }
        String signature = target.substring(mark + MARK.length());
        String signed = target.substring(0, mark);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return Verdict.BAD_SIGNATURE;
        }
        boolean matches = false;
        for (byte[] key : keys) {
            // Every key is tried, and compared in constant time, so timing says nothing about a near miss.
            matches |= MessageDigest.isEqual(mac(key, signed), given);
        }
        if (!matches) {
            return Verdict.BAD_SIGNATURE;
        }
        return expired(signed, now) ? Verdict.EXPIRED : Verdict.SIGNED;
    }

    /** {@code target} with its signature appended: what a key holder hands out. */
    static String sign(String key, String target) {
        if (!target.contains("?")) {
            throw new IllegalArgumentException("A GET address names its source in its query (?url=…): " + target);
        }
        return target + MARK + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(key.getBytes(StandardCharsets.UTF_8), target));
    }

    private static boolean expired(String signed, Instant now) {
        int query = signed.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String pair : signed.substring(query + 1).split("&")) {
            if (pair.startsWith(EXPIRES + "=")) {
                try {
                    return Long.parseLong(pair.substring(EXPIRES.length() + 1)) < now.getEpochSecond();
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every JDK has " + ALGORITHM, e);
        }
    }
}
