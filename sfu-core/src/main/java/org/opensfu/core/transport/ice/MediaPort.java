package org.opensfu.core.transport.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one UDP port that every transport shares: an ice4j {@link SinglePortUdpHarvester} per bound address, which
 * demultiplexes arriving datagrams to transports by the ICE ufrag of the first STUN check from each remote address,
 * then by remote address. Also computes the candidates we advertise.
 */
public final class MediaPort implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaPort.class);

    private final List<SinglePortUdpHarvester> harvesters;
    private final List<InetSocketAddress> boundAddresses;
    private final List<IceCandidate> advertisedCandidates;

    private MediaPort(List<SinglePortUdpHarvester> harvesters, List<InetSocketAddress> boundAddresses,
                      List<IceCandidate> advertisedCandidates) {
        this.harvesters = harvesters;
        this.boundAddresses = boundAddresses;
        this.advertisedCandidates = advertisedCandidates;
    }

    /**
     * Binds the port on every configured address.
     *
     * @throws UncheckedIOException if no address could be bound (e.g. the port is taken)
     */
    public static MediaPort open(MediaPortConfig config) {
        Ice4jRuntime.initialize();
        List<TransportAddress> addresses = new ArrayList<>();
        for (InetAddress address : config.bindAddresses().isEmpty() ? interfaceAddresses()
                : config.bindAddresses()) {
            addresses.add(new TransportAddress(address, config.port(), Transport.UDP));
        }
        List<SinglePortUdpHarvester> harvesters = new ArrayList<>();
        List<InetSocketAddress> bound = new ArrayList<>();
        IOException firstFailure = null;
        for (TransportAddress address : addresses) {
            try {
                SinglePortUdpHarvester harvester = new SinglePortUdpHarvester(address);
                harvesters.add(harvester);
                TransportAddress local = harvester.getLocalAddress();
                bound.add(new InetSocketAddress(local.getAddress(), local.getPort()));
            } catch (IOException e) {
                LOG.warn("cannot bind media port on {}: {}", address, e.getMessage());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (harvesters.isEmpty()) {
            throw new UncheckedIOException("could not bind the media port " + config.port() + " on " + addresses,
                    firstFailure != null ? firstFailure : new IOException("no address to bind"));
        }
        return new MediaPort(List.copyOf(harvesters), List.copyOf(bound), advertise(config, bound));
    }

    /**
     * Every address of every interface that is up, loopback included (ice4j's own enumeration leaves loopback out,
     * which leaves a loopback-only host with nothing), link-local excluded; non-loopback addresses first, so that they
     * get the higher candidate priority.
     */
    static List<InetAddress> interfaceAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!networkInterface.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        addresses.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list the network interfaces", e);
        }
        addresses.sort(Comparator.comparing(InetAddress::isLoopbackAddress));
        return addresses;
    }

    private static List<IceCandidate> advertise(MediaPortConfig config, List<InetSocketAddress> bound) {
        List<InetSocketAddress> advertised = new ArrayList<>();
        if (config.advertised().isEmpty()) {
            advertised.addAll(bound);
        } else {
            int boundPort = bound.get(0).getPort();
            for (InetSocketAddress address : config.advertised()) {
                advertised.add(address.getPort() == 0
                        ? new InetSocketAddress(address.getAddress(), boundPort) : address);
            }
        }
        List<IceCandidate> candidates = new ArrayList<>();
        int localPreference = 65535;
        for (InetSocketAddress address : advertised) {
            String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
            int zone = host.indexOf('%'); // an IPv6 zone ("::1%lo") means nothing to the peer and is not SDP
            if (zone >= 0) {
                host = host.substring(0, zone);
            }
            candidates.add(IceCandidate.host(Integer.toString(candidates.size() + 1), host, address.getPort(),
                    localPreference--));
        }
        return List.copyOf(candidates);
    }

    public List<SinglePortUdpHarvester> harvesters() {
        return harvesters;
    }

    /** The addresses and ports actually bound. */
    public List<InetSocketAddress> boundAddresses() {
        return boundAddresses;
    }

    /** The port of the first bound address (all are equal unless the configured port was 0). */
    public int port() {
        return boundAddresses.get(0).getPort();
    }

    /** The candidates to signal to peers. */
    public List<IceCandidate> advertisedCandidates() {
        return advertisedCandidates;
    }

    @Override
    public void close() {
        for (SinglePortUdpHarvester harvester : harvesters) {
            harvester.close();
        }
    }
}
