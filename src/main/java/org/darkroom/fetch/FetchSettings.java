package org.darkroom.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.darkroom.config.Settings;

/**
 * What URL fetching may reach and how much it may read: schemes, host lists, address policy, redirects,
 * timeouts and the byte cap.
 *
 * @param allowHttp             plain {@code http} as well as {@code https}
 * @param allowedHosts          if non-empty, the only hosts that may be fetched: {@code example.com} exactly, or
 *                              {@code *.example.com} for any name under it (not {@code example.com} itself)
 * @param deniedHosts           hosts never fetched, same patterns; checked after {@code allowedHosts}
 * @param allowPrivateAddresses skip the non-public address check (tests only); metadata and unspecified
 *                              addresses stay refused
 * @param maxRedirects          redirects followed, each re-validated, before giving up
 * @param connectTimeout        limit on establishing a connection
 * @param readTimeout           limit on waiting for the response head and for each read of the body
 * @param maxBytes              the most body bytes stored; one byte more aborts the connection
 * @param privateHostsAllowed   exact host names that may resolve to private addresses (an intranet image
 *                              server); every other name is still checked, so a redirect or DNS answer
 *                              cannot borrow the exemption
 */
public record FetchSettings(boolean allowHttp, List<String> allowedHosts, List<String> deniedHosts,
                            boolean allowPrivateAddresses, int maxRedirects, Duration connectTimeout,
                            Duration readTimeout, long maxBytes, List<String> privateHostsAllowed) {

    public FetchSettings {
        allowedHosts = patterns(allowedHosts, true);
        deniedHosts = patterns(deniedHosts, true);
        privateHostsAllowed = patterns(privateHostsAllowed, false);
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects must be 0..20: " + maxRedirects);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
    }

    /** The settings without an intranet exemption. */
    public FetchSettings(boolean allowHttp, List<String> allowedHosts, List<String> deniedHosts,
                         boolean allowPrivateAddresses, int maxRedirects, Duration connectTimeout,
                         Duration readTimeout, long maxBytes) {
        this(allowHttp, allowedHosts, deniedHosts, allowPrivateAddresses, maxRedirects, connectTimeout,
                readTimeout, maxBytes, List.of());
    }

    /** The rules {@code darkroom.fetch.*} set; the byte cap is intake's, so a URL brings no more than a body. */
    public static FetchSettings read(Settings settings, long maxBytes) {
        return new FetchSettings(settings.flag("darkroom.fetch.allow-http"),
                settings.list("darkroom.fetch.allowed-hosts"), settings.list("darkroom.fetch.denied-hosts"),
                settings.flag("darkroom.fetch.allow-private-addresses"),
                settings.nonNegativeInt("darkroom.fetch.max-redirects"),
                Duration.ofMillis(settings.positiveLong("darkroom.fetch.connect-timeout-ms")),
                Duration.ofMillis(settings.positiveLong("darkroom.fetch.read-timeout-ms")), maxBytes)
                .withPrivateHostsAllowed(settings.list("darkroom.fetch.private-hosts"));
    }

    /** https only, no host lists, non-public addresses refused, 3 redirects, 5 s connect, 15 s read. */
    public static FetchSettings defaults(long maxBytes) {
        return new FetchSettings(false, List.of(), List.of(), false, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(15), maxBytes);
    }

    /** These settings with the given host names exempt from the non-public address check. */
    public FetchSettings withPrivateHostsAllowed(List<String> hosts) {
        return new FetchSettings(allowHttp, allowedHosts, deniedHosts, allowPrivateAddresses, maxRedirects,
                connectTimeout, readTimeout, maxBytes, hosts);
    }

    /** Whether {@code host} (lower case, no trailing dot) matches one of {@code patterns}. */
    static boolean matches(List<String> patterns, String host) {
        for (String p : patterns) {
            if (p.startsWith("*.") ? host.endsWith(p.substring(1)) : host.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, no trailing dot, the form {@link UrlPolicy} compares hosts in. */
    static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static List<String> patterns(List<String> given, boolean wildcards) {
        if (given == null) {
            return List.of();
        }
        return given.stream().map(p -> {
            String n = normalize(p.strip());
            String name = wildcards && n.startsWith("*.") ? n.substring(2) : n;
            // A typo such as "*example.com" or "exa mple.com" would silently match nothing; stop the boot instead.
            if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                throw new IllegalArgumentException("Not a host name" + (wildcards ? " or *.suffix" : "") + ": " + p);
            }
            return n;
        }).toList();
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
