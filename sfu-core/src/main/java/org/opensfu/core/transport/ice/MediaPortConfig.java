package org.opensfu.core.transport.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where the shared media port binds and what it tells peers.
 *
 * @param bindAddresses local addresses to bind; empty means every usable interface address
 * @param port          the UDP port (0 picks a free one, for tests)
 * @param advertised    addresses and ports to put in our ICE candidates, which may differ from the bound ones (1:1
 *                      NAT, Kubernetes node ports, a test relay in front of the port); empty means the bound ones.
 *                      A port of 0 in an advertised address means "the bound port".
 */
public record MediaPortConfig(List<InetAddress> bindAddresses, int port, List<InetSocketAddress> advertised) {
    public MediaPortConfig {
        bindAddresses = List.copyOf(bindAddresses);
        advertised = List.copyOf(advertised);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Binds and advertises the loopback address only, on a free port: for tests. */
    public static MediaPortConfig loopbackEphemeral() {
        return new MediaPortConfig(List.of(InetAddress.getLoopbackAddress()), 0, List.of());
    }
}
