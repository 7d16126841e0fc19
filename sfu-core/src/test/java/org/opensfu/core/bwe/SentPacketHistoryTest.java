package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SentPacketHistoryTest {

    @Test
    void findsPacketsByUnwrappedSequenceAcrossTheWrap() {
        SentPacketHistory h = new SentPacketHistory(64);
        assertThat(h.isEmpty()).isTrue();
        assertThat(h.add(65535, 1_000, 1200, -1)).isEqualTo(65535);
        assertThat(h.add(0, 2_000, 800, 3)).isEqualTo(65536);
        assertThat(h.newestSequence()).isEqualTo(65536);

        int slot = h.slotOf(65536);
        assertThat(slot).isNotNegative();
        assertThat(h.sequence(slot)).isEqualTo(65536);
        assertThat(h.sendNanos(slot)).isEqualTo(2_000);
        assertThat(h.sizeBytes(slot)).isEqualTo(800);
        assertThat(h.probeId(slot)).isEqualTo(3);
        assertThat(h.state(slot)).isEqualTo(SentPacketHistory.UNREPORTED);
        assertThat(h.probeId(h.slotOf(65535))).isEqualTo(SentPacketHistory.NO_PROBE);
        assertThat(h.slotOf(65537)).isEqualTo(-1);
    }

    @Test
    void forgetsPacketsOlderThanTheCapacity() {
        SentPacketHistory h = new SentPacketHistory(64);
        for (int seq = 0; seq < 65; seq++) {
            h.add(seq, seq, 100, -1);
        }
        assertThat(h.slotOf(0)).isEqualTo(-1);
        assertThat(h.slotOf(1)).isNotNegative();
        assertThat(h.slotOf(64)).isNotNegative();
    }

    @Test
    void unwrapsFeedbackSequenceNumbersNearTheNewestSent() {
        SentPacketHistory h = new SentPacketHistory(64);
        assertThat(h.unwrapFeedbackSequence(70_000)).isEqualTo(70_000 & 0xFFFF);
        h.add(65530, 0, 100, -1);
        h.add(3, 1, 100, -1); // 65539
        assertThat(h.unwrapFeedbackSequence(65531)).isEqualTo(65531);
        assertThat(h.unwrapFeedbackSequence(2)).isEqualTo(65538);
        assertThat(h.unwrapFeedbackSequence(10)).isEqualTo(65546);
    }

    @Test
    void keepsFeedbackState() {
        SentPacketHistory h = new SentPacketHistory(64);
        h.add(7, 0, 100, -1);
        int slot = h.slotOf(7);
        h.setState(slot, SentPacketHistory.RECEIVED);
        assertThat(h.state(slot)).isEqualTo(SentPacketHistory.RECEIVED);
        h.add(7 + 64, 1, 100, -1); // same slot, newer packet
        assertThat(h.slotOf(7)).isEqualTo(-1);
        assertThat(h.state(h.slotOf(71))).isEqualTo(SentPacketHistory.UNREPORTED);
    }

    @Test
    void sanitisesSizesAndProbeIds() {
        SentPacketHistory h = new SentPacketHistory(64);
        h.add(1, 0, -5, -7);
        int slot = h.slotOf(1);
        assertThat(h.sizeBytes(slot)).isZero();
        assertThat(h.probeId(slot)).isEqualTo(SentPacketHistory.NO_PROBE);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new SentPacketHistory(100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SentPacketHistory(128).capacity()).isEqualTo(128);
    }
}
