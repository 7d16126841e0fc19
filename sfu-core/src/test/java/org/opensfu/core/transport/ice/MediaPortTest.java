package org.opensfu.core.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaPortTest {
    @Test
    void bindsEveryInterfaceIncludingLoopbackByDefaultAndAdvertisesWithoutZones() {
        List<InetAddress> addresses = MediaPort.interfaceAddresses();
        assertThat(addresses).anyMatch(InetAddress::isLoopbackAddress);
        assertThat(addresses).noneMatch(InetAddress::isLinkLocalAddress);
        // non-loopback first: they get the higher priority
        boolean seenLoopback = false;
        for (InetAddress address : addresses) {
            seenLoopback |= address.isLoopbackAddress();
            assertThat(seenLoopback && !address.isLoopbackAddress()).isFalse();
        }

        // bind only the loopback ones (tests stay on loopback); on Linux these include the zoned "::1%lo"
        List<InetAddress> loopback = addresses.stream().filter(InetAddress::isLoopbackAddress).toList();
        try (MediaPort port = MediaPort.open(new MediaPortConfig(loopback, 0, List.of()))) {
            assertThat(port.boundAddresses()).isNotEmpty();
            assertThat(port.advertisedCandidates()).allSatisfy(candidate -> {
                assertThat(candidate.address()).doesNotContain("%");
                assertThat(IceCandidate.parse(candidate.toSdpValue())).isEqualTo(candidate);
            });
        }
    }
}
