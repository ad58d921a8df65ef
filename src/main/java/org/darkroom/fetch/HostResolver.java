package org.darkroom.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses; pluggable so tests can make a name resolve anywhere without DNS.
 *
 * <p>Only names reach a resolver: IP literals are parsed by {@link HostLiteral}, never handed to DNS.
 */
@FunctionalInterface
public interface HostResolver {

    /** The addresses {@code host} resolves to; never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver (getaddrinfo on Linux). */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
