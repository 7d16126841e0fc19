package org.opensfu.core.transport.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

/**
 * Gathers one UDP host candidate on an ephemeral port of a single given address, and registers it with ice4j's STUN
 * stack (as ice4j's own host harvester does for every interface). Unlike the shared port's candidates, this one can
 * send the first connectivity check, which the controlling side must do.
 */
final class OwnSocketHarvester implements CandidateHarvester {
    private final InetAddress localAddress;
    private final HarvestStatistics statistics = new HarvestStatistics();
    private volatile MultiplexingDatagramSocket socket;

    OwnSocketHarvester(InetAddress localAddress) {
        this.localAddress = localAddress;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        try {
            MultiplexingDatagramSocket bound = new MultiplexingDatagramSocket(0, localAddress);
            HostCandidate candidate = new HostCandidate(new IceUdpSocketWrapper(bound), component, Transport.UDP);
            component.addLocalCandidate(candidate);
            candidate.getStunStack().addSocket(candidate.getStunSocket(null));
            socket = bound;
            return List.of(candidate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a UDP socket on " + localAddress, e);
        }
    }

    /** The bound socket; non-STUN datagrams are read from it. Null before harvesting. */
    MultiplexingDatagramSocket socket() {
        return socket;
    }

    @Override
    public HarvestStatistics getHarvestStatistics() {
        return statistics;
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }
}
