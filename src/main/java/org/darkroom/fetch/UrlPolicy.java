package org.darkroom.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.darkroom.flow.DarkroomException;
import org.darkroom.flow.ErrorCode;

/**
 * Checks a URL, or a redirect's Location, before any connection: scheme, user info, host form, host lists
 * and addresses written as literals. Names are resolved and checked later, at connect time, by
 * {@link GuardedDnsResolver}.
 */
final class UrlPolicy {

    private final FetchSettings settings;

    UrlPolicy(FetchSettings settings) {
        this.settings = settings;
    }

    /** The URL a user sent, checked and rebuilt in canonical form (lower-case scheme, no fragment). */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw blocked("The URL is not valid; send a complete https URL such as https://example.com/a.png.",
                    "unparsable URL: " + e.getMessage());
        }
        return check(uri, true);
    }

    /** A redirect's Location, resolved against the URL that answered with it, and checked like the first. */
    URI checkRedirect(URI from, String location) {
        URI target;
        try {
            target = from.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new DarkroomException(ErrorCode.FETCH_FAILED,
                    "The URL redirected to an invalid address; send the URL of the image itself.",
                    "bad Location from " + from + ": " + e.getMessage());
        }
        return check(target, false);
    }

    private URI check(URI uri, boolean usersOwn) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(settings.allowHttp() && scheme.equals("http"))) {
            throw blocked(settings.allowHttp()
                    ? "Only http and https URLs can be fetched; send an http or https URL."
                    : "Only https URLs can be fetched; send an https URL.", "scheme " + scheme + " in " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw blocked("URLs with a user name or password cannot be fetched; remove the part before '@'.",
                    "user info in " + uri);
        }
        if (uri.getHost() == null || uri.getPort() == 0 || uri.getPort() > 65535) {
            // No host here also covers authorities java.net.URI could not read as one, such as 0x7f.1 or a_b.c.
            throw blocked("The URL's host is not a valid host name; send a URL with a public host name.",
                    "no usable host in " + uri);
        }
        String host = FetchSettings.normalize(uri.getHost());
        String named = usersOwn ? "The host " + host : "The URL redirected to a host that";
        if (!settings.allowedHosts().isEmpty() && !FetchSettings.matches(settings.allowedHosts(), host)
                || FetchSettings.matches(settings.deniedHosts(), host)) {
            throw blocked(named + " is not one Darkroom may fetch from; use an allowed host.",
                    "host lists refuse " + host);
        }
        Optional<InetAddress> literal;
        try {
            literal = HostLiteral.parse(host);
        } catch (IllegalArgumentException e) {
            throw blocked(named + " is not a valid host name; write addresses as four decimal numbers.",
                    e.getMessage());
        }
        if (literal.isPresent() && GuardedDnsResolver.refuses(settings, host, literal.get())) {
            throw blocked(named + " is not a public address; use a URL on a public host.",
                    "literal address refused: " + host);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String canonical = scheme + "://" + uri.getRawAuthority() + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        // camel-http resolves {{...}} property placeholders in CamelHttpUri; java.net.URI already refuses
        // braces, and this keeps that guarantee explicit.
        if (canonical.contains("{{") || canonical.contains("}}")) {
            throw blocked("The URL is not valid; send a complete https URL.", "placeholder in " + canonical);
        }
        return URI.create(canonical);
    }

    private static DarkroomException blocked(String publicMessage, String detail) {
        return new DarkroomException(ErrorCode.FETCH_BLOCKED, publicMessage, detail);
    }
}
