package org.opensfu.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.transport.TransportManagerConfig;
import org.opensfu.core.transport.ice.MediaPortConfig;

/** The server's validated settings, read once at start by {@link ConfigLoader}. */
public record ServerConfig(Http http, Rooms rooms, Signaling signaling, Media media, Operations ops) {

    public record Http(String host, int port, Tls tls) {
    }

    /**
     * HTTPS/WSS: a certificate and key from PEM files, or a self-signed certificate generated at start, or neither.
     */
    public record Tls(Path certFile, Path keyFile, boolean selfSigned) {
        public static final Tls OFF = new Tls(null, null, false);

        public boolean enabled() {
            return certFile != null || selfSigned;
        }
    }

    /**
     * @param lastN       how many participants' video each participant receives at most, unless it asks otherwise
     *                    ({@code -1}: everyone's)
     * @param skipSilence whether audio packets of digital silence are left out for subscribers
     * @param retransmissions whether lost packets are repaired: subscribers' NACKs answered from the packet cache,
     *                        publishers NACKed for what the server missed
     */
    public record Rooms(boolean autoCreate, int maxRooms, int maxParticipants, int maxTracksPerParticipant, int lastN,
                        boolean skipSilence, boolean retransmissions) {
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

    /** What operators set around the media server: identity, authentication, metrics, load, drain, logs. */
    public record Operations(String nodeId, Auth auth, boolean metricsEnabled, Load load, Duration drainDeadline,
                             Logging logging) {
    }

    /** API keys that sign tokens; none means open development mode. */
    public record Auth(List<ApiKey> keys, Duration clockSkew) {
        public boolean required() {
            return !keys.isEmpty();
        }
    }

    /** One API key and its HS256 secret. {@link #toString} hides the secret. */
    public record ApiKey(String key, String secret) {
        @Override
        public String toString() {
            return "ApiKey[" + key + "]";
        }
    }

    /** Overload thresholds; {@code maxPacketsPerSecond} 0 means no limit. */
    public record Load(double maxCpu, long maxPacketsPerSecond) {
    }

    public record Logging(boolean json, String level) {
    }
}
