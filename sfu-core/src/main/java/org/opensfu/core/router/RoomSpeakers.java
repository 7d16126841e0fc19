package org.opensfu.core.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opensfu.core.speaker.AudioLevel;
import org.opensfu.core.speaker.DominantSpeakerDetector;
import org.opensfu.core.speaker.LastNSelector;

/**
 * Who speaks in a room, and whose video each subscriber gets: the room's {@link DominantSpeakerDetector}, fed with
 * the audio level (RFC 6464) of every audio packet, and last-N ({@link LastNSelector}) applied to the subscribers
 * that set a limit. Every participant has a small index for both, taken when it joins the router and freed when it
 * leaves. Confined to the router's loop.
 */
final class RoomSpeakers {
    private final DominantSpeakerDetector detector = new DominantSpeakerDetector();
    private final LastNSelector selector = new LastNSelector();
    private final List<RouterEndpoint> byIndex = new ArrayList<>();
    private int[] order = new int[16];
    private boolean[] publishesVideo = new boolean[16];
    private boolean[] pinned = new boolean[16];
    private long appliedOrderVersion = -1;
    /** Set when anything last-N depends on changed besides the speaking order (joins, publications, limits, pins). */
    private boolean lastNDirty = true;

    /** Gives the endpoint its index. */
    void add(RouterEndpoint endpoint) {
        int index = byIndex.indexOf(null);
        if (index < 0) {
            index = byIndex.size();
            byIndex.add(endpoint);
        } else {
            byIndex.set(index, endpoint);
        }
        endpoint.setSpeakerIndex(index);
        detector.addSpeaker(index);
        lastNDirty = true;
    }

    /** Frees the endpoint's index; returns true if it was the dominant speaker. */
    boolean remove(RouterEndpoint endpoint) {
        int index = endpoint.speakerIndex();
        if (index < 0 || index >= byIndex.size() || byIndex.get(index) != endpoint) {
            return false;
        }
        byIndex.set(index, null);
        endpoint.setSpeakerIndex(-1);
        lastNDirty = true;
        return detector.removeSpeaker(index);
    }

    /** One audio packet's level byte (RFC 6464 §3: V bit and -dBov level) from {@code endpoint}. Allocation-free. */
    void onAudioLevel(RouterEndpoint endpoint, int levelByte, long nowNanos) {
        detector.onAudioLevel(endpoint.speakerIndex(), AudioLevel.levelDbov(levelByte),
                AudioLevel.voiceActivity(levelByte), nowNanos);
    }

    /** Re-evaluates who dominates; returns true when that changed. */
    boolean evaluate(long nowNanos) {
        return detector.evaluate(nowNanos);
    }

    /** The dominant speaker, or null when nobody has spoken (or it left). */
    RouterEndpoint dominant() {
        int index = detector.dominantSpeaker();
        return index < 0 || index >= byIndex.size() ? null : byIndex.get(index);
    }

    /** Something last-N depends on changed: a publication, a limit, a pin. */
    void markLastNDirty() {
        lastNDirty = true;
    }

    /**
     * Applies last-N: for every subscriber with a limit, chooses whose video it receives and suspends its other video
     * consumers. Returns the subscribers whose choice changed (to be told), in no particular order.
     */
    List<RouterEndpoint> applyLastN(List<RouterEndpoint> endpoints) {
        if (!lastNDirty && appliedOrderVersion == detector.orderVersion()) {
            return List.of();
        }
        lastNDirty = false;
        appliedOrderVersion = detector.orderVersion();
        int size = byIndex.size();
        if (order.length < size) {
            order = new int[size * 2];
        }
        if (publishesVideo.length < size) {
            publishesVideo = new boolean[size * 2];
            pinned = new boolean[size * 2];
        }
        Arrays.fill(publishesVideo, false);
        for (RouterEndpoint endpoint : endpoints) {
            int index = endpoint.speakerIndex();
            if (index >= 0) {
                publishesVideo[index] = endpoint.publishesVideo();
            }
        }
        int count = detector.speakersByRecentActivity(order);
        selector.room(order, count, detector.rankedSpeakerCount(), publishesVideo);
        List<RouterEndpoint> changed = new ArrayList<>();
        for (RouterEndpoint subscriber : endpoints) {
            if (subscriber.speakerIndex() < 0) {
                continue;
            }
            if (subscriber.lastN() == LastNSelector.UNLIMITED) {
                if (subscriber.clearLastN()) {
                    changed.add(subscriber);
                }
                continue;
            }
            Arrays.fill(pinned, false);
            for (Consumer consumer : subscriber.consumersList()) {
                int publisher = consumer.producer().publisher().speakerIndex();
                if (consumer.isVideo() && consumer.constraints().onStage() && publisher >= 0) {
                    pinned[publisher] = true;
                }
            }
            boolean[] selection = subscriber.lastNSelection(size);
            int selected = selector.select(subscriber.speakerIndex(), subscriber.lastN(), pinned, selection);
            List<String> forwarded = new ArrayList<>(selected);
            for (int rank = 0; rank < selected; rank++) {
                forwarded.add(byIndex.get(selector.selected(rank)).participantId());
            }
            if (subscriber.applyLastN(forwarded)) {
                changed.add(subscriber);
            }
        }
        return changed;
    }

    /** The participant with index {@code index}, or null. */
    RouterEndpoint endpoint(int index) {
        return index >= 0 && index < byIndex.size() ? byIndex.get(index) : null;
    }

    long dominantSpeakerChanges() {
        return detector.dominantSpeakerChanges();
    }
}
