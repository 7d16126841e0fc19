package org.opensfu.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.testing.RecordingTransportListener;
import org.opensfu.core.time.Clock;
import org.opensfu.core.time.ManualClock;
import org.opensfu.core.transport.ice.MediaPortConfig;

/** The inactivity sweep in virtual time: the manager's clock is a {@link ManualClock}. */
class TransportManagerInactivityTest {
    @Test
    void closesOnlyTransportsIdleForLongerThanTheTimeout() throws Exception {
        ManualClock clock = new ManualClock();
        try (MediaLoop loop = new MediaLoop("test", Clock.system(), 64);
             TransportManager manager = new TransportManager(new TransportManagerConfig(
                     MediaPortConfig.loopbackEphemeral(), Duration.ofSeconds(30), Duration.ofSeconds(10),
                     List.of(SrtpProfile.values())), clock, new PacketBufferPool(16), loop)) {
            RecordingTransportListener early = new RecordingTransportListener();
            RecordingTransportListener late = new RecordingTransportListener();
            manager.create("early", loop, early);
            clock.advance(20, TimeUnit.SECONDS);
            manager.create("late", loop, late);

            clock.advance(10, TimeUnit.SECONDS); // early: exactly 30 s idle, not yet more
            manager.closeInactive();
            assertThat(manager.transportCount()).isEqualTo(2);

            clock.advance(1, TimeUnit.SECONDS); // early: 31 s, late: 11 s
            manager.closeInactive();
            assertThat(early.closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.INACTIVE);
            await().atMost(Duration.ofSeconds(5)).until(() -> manager.transportCount() == 1);
            assertThat(late.closed).isNotDone();

            clock.advance(20, TimeUnit.SECONDS);
            manager.closeInactive();
            assertThat(late.closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.INACTIVE);
        }
    }

    @Test
    void anIdIsFreeAgainAsSoonAsItsTransportIsClosedAndNotBefore() throws Exception {
        ManualClock clock = new ManualClock();
        try (MediaLoop loop = new MediaLoop("test", Clock.system(), 64);
             TransportManager manager = new TransportManager(new TransportManagerConfig(
                     MediaPortConfig.loopbackEphemeral(), Duration.ofSeconds(30), Duration.ofSeconds(10),
                     List.of(SrtpProfile.values())), clock, new PacketBufferPool(16), loop)) {
            WebRtcTransport first = manager.create("alice", loop, new RecordingTransportListener());
            assertThatThrownBy(() -> manager.create("alice", loop, new RecordingTransportListener()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
            RecordingTransportListener secondListener = new RecordingTransportListener();
            first.close(); // e.g. its offer failed: the client may offer again at once
            WebRtcTransport second = manager.create("alice", loop, secondListener);
            assertThat(second).isNotSameAs(first);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(manager.transports()).containsExactly(second); // the late close did not remove it
            });
        }
    }
}
