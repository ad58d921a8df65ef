package org.darkroom.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The address rules on their own: which addresses are public, which hosts are literals, what the guard does. */
class AddressRulesTest {

    @Test
    void non_public_ranges_are_recognised_in_every_spelling() {
        for (String a : List.of("0.0.0.0", "0.1.2.3", "10.0.0.1", "100.64.0.1", "100.127.255.254", "127.0.0.1",
                "127.255.0.1", "169.254.169.254", "169.254.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "192.0.0.8", "198.18.0.1", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
                "::", "::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a00:1",
                "2002:7f00:1::", "2002:a9fe:a9fe::1", "fc00::1", "fd00:ec2::254", "fe80::1", "fec0::1", "ff02::1",
                "2001:db8::1", "2001:0:4136:e378::1", "100::1")) {
            assertThat(NonPublicAddresses.isNonPublic(RecordingResolver.literal(a))).as(a).isTrue();
        }
        for (String a : List.of("8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.1",
                "172.15.255.255", "172.32.0.1", "192.169.0.1", "169.253.255.255", "223.255.255.255",
                "2606:4700:4700::1111", "2a00:1450:4001::1", "::ffff:8.8.8.8", "64:ff9b::808:808",
                "2002:808:808::1")) {
            assertThat(NonPublicAddresses.isNonPublic(RecordingResolver.literal(a))).as(a).isFalse();
        }
    }

    @Test
    void metadata_and_unspecified_addresses_are_refused_even_when_private_ones_are_allowed() {
        FetchSettings lenient = new FetchSettings(true, List.of(), List.of(), true, 3, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 10);
        for (String a : List.of("169.254.169.254", "fd00:ec2::254", "0.0.0.0", "::", "::ffff:169.254.169.254")) {
            assertThat(GuardedDnsResolver.refuses(lenient, "x.test", RecordingResolver.literal(a))).as(a).isTrue();
        }
        assertThat(GuardedDnsResolver.refuses(lenient, "x.test", RecordingResolver.literal("127.0.0.1"))).isFalse();
    }

    @Test
    void only_dotted_quads_and_ipv6_are_literals_and_other_numeric_hosts_are_refused() throws Exception {
        assertThat(HostLiteral.parse("127.0.0.1")).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(HostLiteral.parse("[::1]")).contains(InetAddress.getByName("::1"));
        assertThat(HostLiteral.parse("::1")).contains(InetAddress.getByName("::1"));
        assertThat(HostLiteral.parse("example.com")).isEmpty();
        assertThat(HostLiteral.parse("0x7f.example.com")).isEmpty();
        assertThat(HostLiteral.parse("1.2.3.4.nip.io")).isEmpty();
        for (String ambiguous : List.of("2130706433", "0x7f.1", "0x7f000001", "0177.0.0.1", "127.1", "127.0.1",
                "127.000.000.001", "256.0.0.1", "1.2.3.4.5", "example.0x", "[fe80::1%eth0]", "[fe80::1%25eth0]",
                "[::1", "[example.com]", "[]", "")) {
            assertThatThrownBy(() -> HostLiteral.parse(ambiguous)).as(ambiguous)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void the_guard_refuses_an_answer_if_any_address_in_it_is_internal() throws Exception {
        FetchSettings strict = FetchSettings.defaults(10);
        HostResolver mixed = host -> List.of(RecordingResolver.literal("93.184.216.34"),
                RecordingResolver.literal("10.0.0.1"));
        assertThatThrownBy(() -> new GuardedDnsResolver(strict, mixed).resolve("mixed.test"))
                .isInstanceOf(GuardedDnsResolver.AddressBlockedException.class);
        assertThatThrownBy(() -> new GuardedDnsResolver(strict, mixed).resolve("2130706433"))
                .isInstanceOf(GuardedDnsResolver.AddressBlockedException.class);
        assertThatThrownBy(() -> new GuardedDnsResolver(strict, mixed).resolve("[::1]"))
                .isInstanceOf(GuardedDnsResolver.AddressBlockedException.class);

        RecordingResolver intranet = new RecordingResolver(Map.of("images.corp", "10.1.2.3", "other.corp", "10.1.2.4"));
        GuardedDnsResolver exempt = new GuardedDnsResolver(strict.withPrivateHostsAllowed(List.of("images.corp")),
                intranet);
        assertThat(exempt.resolve("Images.Corp.")).containsExactly(RecordingResolver.literal("10.1.2.3"));
        assertThatThrownBy(() -> exempt.resolve("other.corp"))
                .isInstanceOf(GuardedDnsResolver.AddressBlockedException.class);
    }

    @Test
    void malformed_host_patterns_stop_the_configuration() {
        for (String bad : List.of("*example.com", "exa mple.com", "*.*.example.com", "http://example.com", "")) {
            assertThatThrownBy(() -> new FetchSettings(false, List.of(bad), List.of(), false, 3,
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 10)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> FetchSettings.defaults(10).withPrivateHostsAllowed(List.of("*.corp")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new FetchSettings(false, List.of("*.Example.COM."), List.of(), false, 3, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 10).allowedHosts()).containsExactly("*.example.com");
    }
}
