package org.opensfu.core.transport.ice;

import java.net.InetAddress;
import java.util.Objects;

/** Where an {@link IceTransport} sends and receives. */
public sealed interface IceSockets {

    /**
     * The server's shared media port: datagrams are pushed by the port's receive thread, demultiplexed by ufrag.
     * Such a candidate can only answer checks, so the peer must be able to send first (browsers and our Java peer
     * can).
     */
    record SharedPort(MediaPort port) implements IceSockets {
        public SharedPort {
            Objects.requireNonNull(port, "port");
        }
    }

    /** A socket of the transport's own on an ephemeral port of {@code localAddress}: what a client uses. */
    record OwnSocket(InetAddress localAddress) implements IceSockets {
        public OwnSocket {
            Objects.requireNonNull(localAddress, "localAddress");
        }
    }
}
