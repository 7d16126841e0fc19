package org.opensfu.server.metrics;

/**
 * Everything the metrics export, read at once on scrape.
 *
 * @param rooms              rooms on this server
 * @param participants       participants in them
 * @param audioTracks        published audio tracks
 * @param videoTracks        published video tracks
 * @param transports         open transports
 * @param transportTotals    counters of every transport since start
 * @param routerTotals       counters of every router since start
 * @param loopQueuedPackets  packets waiting in each media loop's queue
 * @param loopHandlerFailures exceptions caught by the media loops since start
 */
public record MediaSnapshot(int rooms, int participants, int audioTracks, int videoTracks, int transports,
                            TransportTotals transportTotals, RouterTotals routerTotals, int[] loopQueuedPackets,
                            long loopHandlerFailures) {
    public static final MediaSnapshot EMPTY = new MediaSnapshot(0, 0, 0, 0, 0, new TransportTotals(),
            RouterTotals.ZERO, new int[0], 0);
}
