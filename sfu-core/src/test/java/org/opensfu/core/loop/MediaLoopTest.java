package org.opensfu.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.time.Clock;

class MediaLoopTest {
    @Test
    void runsPacketsTasksAndTimersOnItsOwnThreadAndSurvivesFailingHandlers() throws Exception {
        PacketBufferPool pool = new PacketBufferPool(8);
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (MediaLoop loop = new MediaLoop("test", Clock.system(), 8)) {
            PacketBuffer failing = pool.acquire();
            failing.setHandler(p -> {
                p.release();
                throw new IllegalStateException("boom");
            });
            PacketBuffer good = pool.acquire();
            good.setHandler(p -> {
                events.add("packet on " + (loop.inLoop() ? "loop" : "other"));
                p.release();
            });
            assertThat(loop.offerPacket(failing)).isTrue();
            assertThat(loop.offerPacket(good)).isTrue();
            loop.schedule(() -> events.add("timer 40"), 40, TimeUnit.MILLISECONDS);
            loop.schedule(() -> events.add("timer 20"), 20, TimeUnit.MILLISECONDS);
            MediaLoop.ScheduledTask cancelled = loop.schedule(() -> events.add("cancelled"), 30,
                    TimeUnit.MILLISECONDS);
            cancelled.cancel();
            loop.schedule(done::countDown, 60, TimeUnit.MILLISECONDS);

            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(events).containsExactly("packet on loop", "timer 20", "timer 40");
            assertThat(loop.handlerFailures()).isEqualTo(1);
            assertThat(pool.outstanding()).isZero();
        }
    }

    @Test
    void refusesPacketsWhenItsQueueIsFullSoTheCallerCanCountTheDrop() throws Exception {
        PacketBufferPool pool = new PacketBufferPool(64);
        CountDownLatch blocker = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        try (MediaLoop loop = new MediaLoop("test", Clock.system(), 4)) {
            loop.execute(() -> {
                blocking.countDown();
                try {
                    blocker.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(blocking.await(5, TimeUnit.SECONDS)).as("the loop thread is inside the blocking task").isTrue();
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                PacketBuffer packet = pool.acquire();
                packet.setHandler(PacketBuffer::release);
                if (loop.offerPacket(packet)) {
                    accepted++;
                } else {
                    packet.release();
                }
            }
            assertThat(accepted).isEqualTo(4);
            blocker.countDown();
        }
    }

    @Test
    void runsPeriodicTasksRepeatedly() throws Exception {
        CountDownLatch ticks = new CountDownLatch(3);
        try (MediaLoop loop = new MediaLoop("test", Clock.system(), 4)) {
            MediaLoop.ScheduledTask task = loop.schedulePeriodic(ticks::countDown, 10, TimeUnit.MILLISECONDS);
            assertThat(ticks.await(5, TimeUnit.SECONDS)).isTrue();
            task.cancel();
        }
    }
}
