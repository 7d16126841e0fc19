package org.opensfu.core.negotiation;

import java.util.List;
import org.opensfu.core.transport.RemoteTransportParameters;

/**
 * The outcome of answering an offer.
 *
 * @param answerSdp       the answer to send
 * @param remoteTransport the offerer's ICE credentials, candidates and fingerprint
 * @param published       the offerer's accepted sending m-sections
 * @param subscribed      the offerer's accepted receiving m-sections
 */
public record Negotiation(String answerSdp, RemoteTransportParameters remoteTransport, List<PublishedMedia> published,
                          List<SubscribedMedia> subscribed) {
    public Negotiation {
        published = List.copyOf(published);
        subscribed = List.copyOf(subscribed);
    }
}
