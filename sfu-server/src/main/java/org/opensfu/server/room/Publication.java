package org.opensfu.server.room;

import org.opensfu.api.TrackInfo;
import org.opensfu.core.negotiation.PublishedMedia;

/** A track a participant publishes: its public description and the negotiated media parameters. */
record Publication(Participant owner, TrackInfo track, PublishedMedia media) {
}
