package org.opensfu.core.router;

import java.util.List;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.rtcp.ReceiverReport;
import org.opensfu.core.rtcp.SenderReport;
import org.opensfu.core.rtcp.Sdes;
import org.opensfu.core.time.Clock;
import org.opensfu.core.util.NtpTime;

/**
 * Writes the periodic RTCP of one endpoint (RFC 3550 §6.4): a receiver report with a block per stream it publishes,
 * a sender report per stream it receives from us, and an SDES with the CNAME of every SSRC involved, as compound
 * packets of at most {@link #MAX_COMPOUND_BYTES} (split when an endpoint has many streams).
 *
 * <p>Sender reports map our RTP timestamps to the publisher's NTP clock, extrapolated from the publisher's last SR,
 * so that receivers keep a participant's audio and video in sync (lip sync) across our rewriting.
 */
final class RtcpReporter {
    /** Leaves room for the SRTCP index and tag within a 1200-byte datagram. */
    static final int MAX_COMPOUND_BYTES = 1100;
    private static final int MAX_BLOCKS_PER_REPORT = 31;
    private static final int MAX_SDES_CHUNKS = 31;

    private final Clock clock;
    private final int[] ssrcs = new int[MAX_SDES_CHUNKS];
    private final byte[][] cnames = new byte[MAX_SDES_CHUNKS][];

    RtcpReporter(Clock clock) {
        this.clock = clock;
    }

    /** Sends this endpoint's reports through its transport, using {@code buffer} as scratch. */
    void sendReports(RouterEndpoint endpoint, PacketBuffer buffer, long nowNanos) {
        List<Producer> producers = endpoint.producersList();
        List<Consumer> consumers = endpoint.consumersList();
        int nextProducer = 0;
        int nextConsumer = 0;
        do {
            byte[] out = buffer.array();
            int start = PacketBuffer.HEADROOM;
            int chunks = 0;
            ssrcs[chunks] = endpoint.localSsrc();
            cnames[chunks++] = endpoint.cname();

            // producers whose reportable layers (one report block each) fit in this compound
            int producerCount = 0;
            int blocks = 0;
            while (nextProducer + producerCount < producers.size()) {
                int more = reportableLayers(producers.get(nextProducer + producerCount));
                if (blocks + more > MAX_BLOCKS_PER_REPORT
                        || 8 + 24 * (blocks + more) + Sdes.length(cnames, chunks) > MAX_COMPOUND_BYTES) {
                    break;
                }
                blocks += more;
                producerCount++;
            }
            int offset = start;
            offset += ReceiverReport.write(out, offset, endpoint.localSsrc(), blocks);
            int block = 0;
            for (int i = 0; i < producerCount; i++) {
                Producer producer = producers.get(nextProducer + i);
                for (int l = 0; l < producer.layerCount(); l++) {
                    ProducerLayer layer = producer.layer(l);
                    if (layer.receiveStats().isReportable()) {
                        layer.receiveStats().writeReportBlock(out, ReceiverReport.reportBlockOffset(start, block++),
                                layer.ssrc(), nowNanos);
                    }
                }
            }
            nextProducer += producerCount;

            while (nextConsumer < consumers.size() && chunks < MAX_SDES_CHUNKS) {
                Consumer consumer = consumers.get(nextConsumer);
                if (!consumer.started() || !consumer.sendStats().hasSent()) {
                    nextConsumer++;
                    continue;
                }
                cnames[chunks] = consumer.producer().publisher().cname();
                if (offset - start + 28 + Sdes.length(cnames, chunks + 1) > MAX_COMPOUND_BYTES) {
                    break;
                }
                ssrcs[chunks++] = consumer.ssrc();
                offset += writeSenderReport(out, offset, consumer, nowNanos);
                nextConsumer++;
            }
            offset += Sdes.write(out, offset, ssrcs, cnames, chunks);
            buffer.setOffsetAndLength(start, offset - start);
            endpoint.transport().sendRtcp(buffer);
        } while (nextProducer < producers.size() || nextConsumer < consumers.size());
    }

    private static int reportableLayers(Producer producer) {
        int count = 0;
        for (int l = 0; l < producer.layerCount(); l++) {
            if (producer.layer(l).receiveStats().isReportable()) {
                count++;
            }
        }
        return count;
    }

    private int writeSenderReport(byte[] out, int offset, Consumer consumer, long nowNanos) {
        Producer producer = consumer.producer();
        int clockRateHz = producer.spec().clockRateHz();
        SenderReportInfo report = producer.senderReport(consumer.sourceLayer());
        long ntp;
        long rtpTimestamp;
        if (report.received()) {
            long elapsedNanos = Math.max(0, nowNanos - report.arrivalNanos());
            ntp = report.ntpTimestamp() + NtpTime.fromDurationNanos(elapsedNanos);
            rtpTimestamp = report.rtpTimestamp() + consumer.timestampDelta() + elapsedNanos
                    * clockRateHz / 1_000_000_000L;
        } else {
            long elapsedNanos = Math.max(0, nowNanos - consumer.sendStats().lastSentNanos());
            ntp = NtpTime.fromUnixMillis(clock.wallClockMillis());
            rtpTimestamp = consumer.sendStats().lastRtpTimestamp() + elapsedNanos * clockRateHz / 1_000_000_000L;
        }
        consumer.senderReports().record(NtpTime.compact(ntp), nowNanos);
        return SenderReport.write(out, offset, consumer.ssrc(), ntp, rtpTimestamp & 0xFFFFFFFFL,
                consumer.sendStats().packetsSent() & 0xFFFFFFFFL,
                consumer.sendStats().payloadOctetsSent() & 0xFFFFFFFFL, 0);
    }
}
