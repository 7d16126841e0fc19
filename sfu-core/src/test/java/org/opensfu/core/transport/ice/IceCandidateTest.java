package org.opensfu.core.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IceCandidateTest {
    @Test
    void parsesChromiumCandidateLines() {
        IceCandidate host = IceCandidate.parse(
                "a=candidate:3286567486 1 udp 2122260223 127.0.0.1 46213 typ host generation 0 network-id 1");
        assertThat(host).isEqualTo(new IceCandidate("3286567486", 1, "udp", 2122260223L, "127.0.0.1", 46213,
                "host", null, -1));
        assertThat(host.isUdpWithIpAddress()).isTrue();
        assertThat(IceCandidate.host("1", "::1", 5000, 1).isUdpWithIpAddress()).isTrue();
        // not literals: using them would mean a DNS lookup on the signaling thread
        assertThat(IceCandidate.host("1", "999.1.1.1", 5000, 1).isUdpWithIpAddress()).isFalse();
        assertThat(IceCandidate.host("1", "x:evil", 5000, 1).isUdpWithIpAddress()).isFalse();

        IceCandidate mdns = IceCandidate.parse(
                "candidate:1 1 UDP 2113937151 9f1e2c3d-aaaa-bbbb-cccc-0123456789ab.local 51000 typ host");
        assertThat(mdns.protocol()).isEqualTo("udp");
        assertThat(mdns.isUdpWithIpAddress()).isFalse();

        IceCandidate srflx = IceCandidate.parse(
                "candidate:842163049 1 udp 1677729535 203.0.113.7 40000 typ srflx raddr 10.0.0.2 rport 50000");
        assertThat(srflx.relatedAddress()).isEqualTo("10.0.0.2");
        assertThat(srflx.relatedPort()).isEqualTo(50000);
        assertThat(IceCandidate.parse(srflx.toSdpValue())).isEqualTo(srflx);

        IceCandidate tcp = IceCandidate.parse("candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active");
        assertThat(tcp.isUdpWithIpAddress()).isFalse();
    }

    @Test
    void computesHostPrioritiesPerRfc8445() {
        IceCandidate candidate = IceCandidate.host("1", "192.0.2.1", 10000, 65535);
        assertThat(candidate.priority()).isEqualTo((126L << 24) + (65535L << 8) + 255);
        assertThat(candidate.toSdpValue()).isEqualTo("1 1 udp 2130706431 192.0.2.1 10000 typ host");
    }

    @Test
    void refusesLinesThatAreNotCandidates() {
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 x udp 1 1.2.3.4 5 typ host"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp 1 1.2.3.4 99999 typ host"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesUfragsWithAColonWhichWouldBreakSharedPortDemultiplexing() {
        assertThatThrownBy(() -> new IceParameters("sfu:abc", "0123456789012345678901"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
