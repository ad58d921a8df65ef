package org.darkroom.http;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./darkroom sign ADDRESS [--expires-in SECONDS]}: prints the GET address signed with the signing key, so
 * whoever hands addresses out needs no HMAC code of their own. The key is {@code DARKROOM_SIGNING_KEY}, else the
 * first of {@code DARKROOM_HTTP_SIGNING_KEYS}: keys are read from the environment, never from a command line that
 * other users of the machine can see.
 */
public final class SignAddress {
    private SignAddress() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(sign(args, System.getenv("DARKROOM_SIGNING_KEY"),
                    System.getenv("DARKROOM_HTTP_SIGNING_KEYS"), Instant.now()));
        } catch (IllegalArgumentException e) {
            System.err.println("darkroom: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * The signed address: a full URL keeps its scheme and host, which are not signed; only its path and query are.
     */
    static String sign(String[] args, String key, String keys, Instant now) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--expires-in"))) {
            throw new IllegalArgumentException("usage: darkroom sign ADDRESS [--expires-in SECONDS], e.g. darkroom"
                    + " sign '/v1/flows/thumbnail?url=https%3A%2F%2Fexample.com%2Fcat.jpg&width=200'");
        }
        String signingKey = Optional.ofNullable(key).filter(k -> !k.isBlank())
                .or(() -> Optional.ofNullable(keys).flatMap(all -> List.of(all.split(",")).stream()
                        .map(String::trim).filter(k -> !k.isEmpty()).findFirst()))
                .orElseThrow(() -> new IllegalArgumentException("No signing key: set DARKROOM_SIGNING_KEY (or"
                        + " DARKROOM_HTTP_SIGNING_KEYS, as the service has it)."));
        URI address = URI.create(args[0]);
        if (address.getRawQuery() == null || !address.getRawPath().startsWith("/v1/flows/")) {
            throw new IllegalArgumentException("Sign a flow's GET address: /v1/flows/FLOW?url=…&parameters, the url"
                    + " percent-encoded.");
        }
        String target = address.getRawPath() + "?" + address.getRawQuery();
        if (args.length == 3) {
            target += "&" + SignedUrls.EXPIRES + "=" + (now.getEpochSecond() + Long.parseLong(args[2]));
        }
        String prefix = address.getScheme() == null ? "" : address.getScheme() + "://" + address.getRawAuthority();
        return prefix + SignedUrls.sign(signingKey, target);
    }
}
