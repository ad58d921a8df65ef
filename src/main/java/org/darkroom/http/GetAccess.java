package org.darkroom.http;

import java.time.Instant;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Who may use the GET form of a flow: the holder of a signed address (no API key needed: the signature is the
 * permission, and the answer may be cached publicly), or, only when {@code darkroom.http.unsigned-get} allows it, a
 * caller the API keys admit (the answer then stays private to that caller).
 */
record GetAccess(SignedUrls signatures, boolean unsignedAllowed, ApiKeys keys) {

    /** How an admitted GET's answer may be cached. */
    enum Caching { PUBLIC, PRIVATE }

    /**
     * @param target        the request's path and query as received
     * @param authorization its {@code Authorization} header, or {@code null}
     * @throws DarkroomException {@code unauthorized}, saying what the caller lacks
     */
    Caching admit(String target, String authorization, Instant now) {
        switch (signatures.check(target, now)) {
            case SIGNED:
                return Caching.PUBLIC;
            case BAD_SIGNATURE:
                throw refusal("The signature does not match this address. Sign the whole path and query before"
                        + " &signature= with a key in darkroom.http.signing-keys, and put the signature last.");
            case EXPIRED:
                throw refusal("This signed address has expired (its expires parameter is past). Ask for a new one.");
            default:
                break;
        }
        if (unsignedAllowed && keys.admits(authorization)) {
            return Caching.PRIVATE;
        }
        throw refusal(unsignedAllowed ? "This GET needs an API key (Authorization: Bearer <key>) or a signature."
                : "A GET address must be signed (darkroom.http.signing-keys; see the README's GET form). Or POST the"
                        + " image with your API key.");
    }

    private static DarkroomException refusal(String message) {
        return new DarkroomException(ErrorCode.UNAUTHORIZED, message);
    }
}
