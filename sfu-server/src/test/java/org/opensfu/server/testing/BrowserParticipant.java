package org.opensfu.server.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One participant in real Chromium: its own browser context on the server's demo page, joined through the demo's
 * own code path ({@code window.demo.join}), observed through the SDK's peer connection statistics.
 */
public final class BrowserParticipant implements AutoCloseable {
    /** Per remote track: the inbound-rtp statistics of its receiver. */
    private static final String REMOTE_TRACK_STATS = """
            async () => {
              const client = window.opensfu;
              if (!client || !client.pc) return [];
              const out = [];
              for (const [trackId, info] of client.remoteTracks) {
                const transceiver = client.pc.getTransceivers().find(t => t.receiver.track === info.track);
                let s = {};
                if (transceiver) {
                  const stats = await transceiver.receiver.getStats();
                  for (const r of stats.values()) if (r.type === 'inbound-rtp') s = r;
                }
                out.push({trackId, participantId: info.participantId, kind: info.kind,
                          framesDecoded: s.framesDecoded || 0, packetsReceived: s.packetsReceived || 0,
                          totalSamplesReceived: s.totalSamplesReceived || 0, frameWidth: s.frameWidth || 0,
                          frameHeight: s.frameHeight || 0, packetsLost: s.packetsLost || 0,
                          freezeCount: s.freezeCount || 0, nackCount: s.nackCount || 0,
                          framesPerSecond: s.framesPerSecond || 0,
                          retransmittedPacketsReceived: s.retransmittedPacketsReceived || 0,
                          framesDropped: s.framesDropped || 0, totalFreezesDuration: s.totalFreezesDuration || 0,
                          pliCount: s.pliCount || 0});
              }
              return out;
            }
            """;

    /** Every inbound-rtp of the peer connection, whichever track it belongs to. */
    private static final String INBOUND_PACKETS = """
            async () => {
              const client = window.opensfu;
              if (!client || !client.pc) return 0;
              let packets = 0;
              for (const r of (await client.pc.getStats()).values()) {
                if (r.type === 'inbound-rtp') packets += r.packetsReceived || 0;
              }
              return packets;
            }
            """;

    /** The local candidate port of the selected candidate pair (RTCTransportStats.selectedCandidatePairId). */
    private static final String SELECTED_LOCAL_PORT = """
            async () => {
              const client = window.opensfu;
              if (!client || !client.pc) return 0;
              const stats = await client.pc.getStats();
              for (const r of stats.values()) {
                if (r.type === 'transport' && r.selectedCandidatePairId) {
                  const pair = stats.get(r.selectedCandidatePairId);
                  const local = pair && stats.get(pair.localCandidateId);
                  // behind a relay the server reports the relay's address back: a peer-reflexive candidate whose
                  // related port is the socket the browser actually sends from
                  if (local) return local.candidateType === 'host' ? local.port : (local.relatedPort || local.port);
                }
              }
              return 0;
            }
            """;

    private final String name;
    private final BrowserContext context;
    private final Page page;
    private final String participantId;

    private BrowserParticipant(String name, BrowserContext context, Page page, String participantId) {
        this.name = name;
        this.context = context;
        this.page = page;
        this.participantId = participantId;
    }

    /** Opens the demo page and joins {@code room} as {@code name}, publishing the fake camera and microphone. */
    public static BrowserParticipant join(Browser browser, String baseUrl, String room, String name) {
        return join(browser, baseUrl, room, name, true);
    }

    /** Opens the demo page and joins {@code room} as {@code name}; with {@code publish} false, only to watch. */
    public static BrowserParticipant join(Browser browser, String baseUrl, String room, String name,
                                          boolean publish) {
        BrowserContext context = browser.newContext();
        Page page = context.newPage();
        List<String> consoleErrors = new ArrayList<>();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
        page.navigate(baseUrl + "/?room=" + room);
        page.evaluate("([room, name, publish]) => window.demo.join(room, name, {publish})",
                List.of(room, name, publish));
        String participantId = (String) page.evaluate("() => window.opensfu.participantId");
        if (participantId == null) {
            throw new IllegalStateException(name + " did not join: " + consoleErrors);
        }
        return new BrowserParticipant(name, context, page, participantId);
    }

    public String name() {
        return name;
    }

    public String participantId() {
        return participantId;
    }

    public Page page() {
        return page;
    }

    /** Statistics of every remote track this participant receives. */
    @SuppressWarnings("unchecked")
    public List<RemoteTrack> remoteTracks() {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.evaluate(REMOTE_TRACK_STATS);
        List<RemoteTrack> tracks = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            tracks.add(new RemoteTrack((String) row.get("trackId"), (String) row.get("participantId"),
                    (String) row.get("kind"), number(row, "framesDecoded"), number(row, "packetsReceived"),
                    number(row, "totalSamplesReceived"), number(row, "frameWidth"), number(row, "frameHeight"),
                    number(row, "packetsLost"), number(row, "freezeCount"), number(row, "nackCount"),
                    ((Number) row.get("framesPerSecond")).doubleValue(), number(row, "retransmittedPacketsReceived"),
                    number(row, "framesDropped"), ((Number) row.get("totalFreezesDuration")).doubleValue(),
                    number(row, "pliCount")));
        }
        return tracks;
    }

    /** RTP packets received on all inbound streams of the peer connection. */
    public long inboundPackets() {
        return ((Number) page.evaluate(INBOUND_PACKETS)).longValue();
    }

    /**
     * The local port the browser sends its media from (the selected ICE candidate pair's, or the host port behind a
     * peer-reflexive one), 0 before a pair is selected.
     */
    public int selectedLocalPort() {
        return ((Number) page.evaluate(SELECTED_LOCAL_PORT)).intValue();
    }

    /** Clicks a participant's tile onto the demo's stage (null: none on stage), as a user enlarging it would. */
    public void setStage(String participantId) {
        page.evaluate("id => window.demo.setStage(id)", participantId);
    }

    /** Remote tiles the demo shows for a participant. */
    public int tilesOf(String otherParticipantId) {
        return page.locator("[data-participant-id='" + otherParticipantId + "']").count();
    }

    public void leave() {
        page.evaluate("() => window.demo.leave()");
    }

    @Override
    public void close() {
        context.close();
    }

    private static long number(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    /** One received track and its inbound-rtp figures. */
    public record RemoteTrack(String trackId, String participantId, String kind, long framesDecoded,
                              long packetsReceived, long totalSamplesReceived, long frameWidth, long frameHeight,
                              long packetsLost, long freezeCount, long nackCount, double framesPerSecond,
                              long retransmittedPacketsReceived, long framesDropped, double totalFreezesSeconds,
                              long pliCount) {
        public boolean isVideo() {
            return "video".equals(kind);
        }
    }
}
