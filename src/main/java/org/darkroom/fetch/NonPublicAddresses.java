package org.darkroom.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which IP addresses are not on the public internet, and so must never be fetched from on a user's behalf.
 *
 * <p>IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by the IPv4 address inside,
 * because that is where the packets end up.
 */
final class NonPublicAddresses {

    private record Block(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Block> NON_PUBLIC = blocks(
            "0.0.0.0/8",        // "this network", including 0.0.0.0, which Linux treats as loopback
            "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",   // private
            "100.64.0.0/10",    // carrier-grade NAT
            "127.0.0.0/8",      // loopback
            "169.254.0.0/16",   // link-local, including cloud metadata 169.254.169.254
            "192.0.0.0/24",     // IETF protocol assignments
            "198.18.0.0/15",    // benchmarking, often used inside networks
            "224.0.0.0/4",      // multicast
            "240.0.0.0/4",      // reserved, including broadcast 255.255.255.255
            "::/96",            // unspecified, loopback, IPv4-compatible
            "64:ff9b:1::/48",   // local-use NAT64
            "100::/64",         // discard-only
            "2001::/32",        // Teredo: the IPv4 inside is obfuscated, so refuse it whole
            "2001:db8::/32",    // documentation
            "fc00::/7",         // unique-local, including AWS metadata fd00:ec2::254
            "fe80::/10", "fec0::/10",   // link-local, old site-local
            "ff00::/8");        // multicast

    // Refused even for hosts exempt from the check above: nothing legitimate lives there.
    private static final List<Block> NEVER = blocks("0.0.0.0/8", "::/128", "169.254.169.254/32",
            "fd00:ec2::254/128");

    private NonPublicAddresses() {
    }

    /** Whether {@code address} is loopback, private, link-local, multicast, reserved or otherwise not public. */
    static boolean isNonPublic(InetAddress address) {
        return in(NON_PUBLIC, effective(address.getAddress()));
    }

    /** Whether {@code address} is unspecified or a cloud metadata address, refused whatever the settings. */
    static boolean isNeverAllowed(InetAddress address) {
        return in(NEVER, effective(address.getAddress()));
    }

    private static boolean in(List<Block> blocks, byte[] address) {
        return blocks.stream().anyMatch(b -> b.contains(address));
    }

    /** The IPv4 address an IPv6 address delivers to, if it embeds one; otherwise the address itself. */
    private static byte[] effective(byte[] a) {
        if (a.length != 16) {
            return a;
        }
        boolean mapped = allZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
        boolean nat64 = a[0] == 0 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b
                && allZero(a, 4, 12);
        if (mapped || nat64) {
            return Arrays.copyOfRange(a, 12, 16);
        }
        if (a[0] == 0x20 && a[1] == 0x02) {   // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD
            return Arrays.copyOfRange(a, 2, 6);
        }
        return a;
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static List<Block> blocks(String... cidrs) {
        return Arrays.stream(cidrs).map(cidr -> {
            int slash = cidr.indexOf('/');
            try {
                // Literals only: getByName parses them without any lookup.
                byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(cidr, e);
            }
        }).toList();
    }
}
