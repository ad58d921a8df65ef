package org.darkroom.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HttpClient {@link DnsResolver} that refuses non-public addresses at the moment a connection is made.
 *
 * <p>HttpClient asks it for the addresses of every host it is about to open a socket to, so the check sees
 * exactly what will be connected to: no redirect, second lookup or DNS rebinding can slip between a check
 * and the connection. Refusal is an exception, so no socket is ever created for a refused address.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** Thrown instead of an answer when a host resolves to an address fetching may not reach. */
    static final class AddressBlockedException extends UnknownHostException {
        private final String host;

        AddressBlockedException(String host, String detail) {
            super(detail);
            this.host = host;
        }

        /** The host name as the URL wrote it, safe to show; never the address it resolved to. */
        String host() {
            return host;
        }
    }

    private final FetchSettings settings;
    private final HostResolver resolver;

    GuardedDnsResolver(FetchSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    @Override
    public InetAddress[] resolve(String rawHost) throws UnknownHostException {
        String host = FetchSettings.normalize(rawHost);
        List<InetAddress> addresses;
        try {
            Optional<InetAddress> literal = HostLiteral.parse(host);
            addresses = literal.isPresent() ? List.of(literal.get()) : resolver.resolve(host);
        } catch (IllegalArgumentException e) {
            throw new AddressBlockedException(host, e.getMessage());
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        // All, not just the first: HttpClient falls back to later addresses when a connection fails.
        for (InetAddress address : addresses) {
            if (refuses(settings, host, address)) {
                throw new AddressBlockedException(host, host + " resolves to refused address " + address);
            }
        }
        return addresses.toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // Only Kerberos uses this; answering without a reverse lookup avoids a query nobody needs.
        return host;
    }

    /** Whether fetching must not connect to {@code address}, found for {@code host} (normalized). */
    static boolean refuses(FetchSettings settings, String host, InetAddress address) {
        if (NonPublicAddresses.isNeverAllowed(address)) {
            return true;
        }
        boolean exempt = settings.allowPrivateAddresses() || settings.privateHostsAllowed().contains(host);
        return !exempt && NonPublicAddresses.isNonPublic(address);
    }
}
