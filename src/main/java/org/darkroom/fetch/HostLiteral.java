package org.darkroom.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells IP literals from host names, so that addresses written in a URL are checked without any lookup.
 *
 * <p>getaddrinfo reads {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1} and {@code 127.1} as
 * 127.0.0.1, and browsers do the same (WHATWG "ends in a number"). Only the plain dotted-decimal and bracketed
 * IPv6 forms are accepted as literals; any other host whose last label is a number is refused as ambiguous.
 */
final class HostLiteral {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

    private HostLiteral() {
    }

    /**
     * The address {@code host} spells, or empty if it is a name to resolve.
     *
     * @param host lower case, without a trailing dot; IPv6 with or without brackets
     * @throws IllegalArgumentException if it is numeric but not a literal we accept
     */
    static Optional<InetAddress> parse(String host) {
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        String h = bracketed ? host.substring(1, host.length() - 1) : host;
        if (bracketed || h.indexOf(':') >= 0) {
            // The pattern rules out zone ids ("%eth0") and anything getByName might treat as a name.
            if (h.indexOf(':') < 0 || !IPV6.matcher(h).matches()) {
                throw new IllegalArgumentException("Not an IPv6 literal: " + host);
            }
            return Optional.of(literal(h));
        }
        if (h.isEmpty() || h.startsWith("[")) {
            throw new IllegalArgumentException("Not a host: " + host);
        }
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (!NUMERIC_LABEL.matcher(last).matches()) {
            return Optional.empty();
        }
        if (!DOTTED_QUAD.matcher(h).matches()) {
            throw new IllegalArgumentException("Ambiguous numeric host: " + host);
        }
        return Optional.of(literal(h));
    }

    private static InetAddress literal(String text) {
        try {
            // Safe: text is a dotted quad or contains ':', both parsed by the JDK without a lookup.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP literal: " + text, e);
        }
    }
}
