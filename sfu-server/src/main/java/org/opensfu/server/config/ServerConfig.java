package org.opensfu.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.transport.TransportManagerConfig;
import org.opensfu.core.transport.ice.MediaPortConfig;

/** The server's validated settings, read once at start by {@link ConfigLoader}. */
public record ServerConfig(Http http, Rooms rooms, Signaling signaling, Media media) {

    public record Http(String host, int port) {
    }

    public record Rooms(boolean autoCreate, int maxRooms, int maxParticipants, int maxTracksPerParticipant) {
    }

    public record Signaling(int maxMessageBytes, int maxMessagesPerSecond, int messageBurst) {
    }

    public record Media(int port, List<InetAddress> bindAddresses, List<InetSocketAddress> advertisedAddresses,
                       int threads, Duration inactivityTimeout, Duration dtlsHandshakeTimeout,
                       List<SrtpProfile> srtpProfiles, int queueCapacity) {

        public TransportManagerConfig transportManagerConfig() {
            return new TransportManagerConfig(new MediaPortConfig(bindAddresses, port, advertisedAddresses),
                    inactivityTimeout, dtlsHandshakeTimeout, srtpProfiles);
        }

        /** The configured thread count, with 0 meaning one per core. */
        public int effectiveThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }
}
