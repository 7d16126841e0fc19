package org.opensfu.loadgen.peer;

import java.util.ArrayList;
import java.util.List;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.rtcp.GenericNack;
import org.opensfu.core.rtcp.Pli;
import org.opensfu.core.rtcp.ReceiverReport;
import org.opensfu.core.rtcp.ReportBlock;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.stream.TransportCcReceiver;
import org.opensfu.core.util.Bytes;
import org.opensfu.core.util.IntObjectMap;
import org.opensfu.loadgen.measure.ClientMetrics;

/**
 * The receiving half of a simulated participant, doing what a browser's receiver does: it demultiplexes the streams
 * by SSRC (and RTX SSRC), records every packet's transport-wide sequence number and sends transport-cc feedback
 * every 50 ms (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3), NACKs missing video packets (RFC 4585
 * §6.2.1), sends a PLI (§6.3.1) when a stream needs a key frame, and a receiver report (RFC 3550 §6.4.2) every second.
 * Confined to the peer's media loop; {@link #tick} runs every {@value #TICK_MILLIS} ms.
 */
final class ReceiverSession {
    static final long TICK_MILLIS = 25;
    /** Missing packets count as lost once a retransmission could no longer arrive (the NACK policy's max age). */
    static final long REPAIR_WINDOW_NANOS = 1_000_000_000L;
    private static final int FEEDBACK_EVERY_TICKS = 2;
    private static final int REPORT_EVERY_TICKS = 40;
    private static final int MAX_REPORT_BLOCKS = 31;

    private final int localSsrc;
    private final ClientMetrics metrics;
    private final IntObjectMap<ReceiveStream> bySsrc = new IntObjectMap<>();
    private final IntObjectMap<ReceiveStream> byRtxSsrc = new IntObjectMap<>();
    private final List<ReceiveStream> streams = new ArrayList<>();
    private final List<ReceiveStream> retired = new ArrayList<>();
    private final TransportCcReceiver transportCc = new TransportCcReceiver();
    private final RtpPacket view = new RtpPacket();
    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
    private final int[] nackScratch = new int[64];
    /** The transport-cc extension ID the SFU stamps with (from the SDP), 0 when not negotiated. */
    private int transportCcId;
    private int feedbackMediaSsrc;
    private long ticks;

    ReceiverSession(int localSsrc, ClientMetrics metrics) {
        this.localSsrc = localSsrc;
        this.metrics = metrics;
    }

    void setTransportCcId(int id) {
        this.transportCcId = id;
    }

    /** Starts receiving a stream (idempotent for the same SSRC). */
    void add(StreamInfo info) {
        if (bySsrc.get(info.ssrc()) != null) {
            return;
        }
        ReceiveStream stream = new ReceiveStream(info, metrics);
        bySsrc.put(info.ssrc(), stream);
        if (info.rtxSsrc() != 0) {
            byRtxSsrc.put(info.rtxSsrc(), stream);
        }
        streams.add(stream);
    }

    /** Stops receiving a stream: settles its loss and keeps its report. */
    void remove(int ssrc) {
        ReceiveStream stream = bySsrc.remove(ssrc);
        if (stream == null) {
            return;
        }
        if (stream.info().rtxSsrc() != 0) {
            byRtxSsrc.remove(stream.info().rtxSsrc());
        }
        streams.remove(stream);
        stream.flush();
        retired.add(stream);
    }

    /** The SSRCs received now. */
    List<StreamInfo> current() {
        List<StreamInfo> infos = new ArrayList<>();
        for (ReceiveStream stream : streams) {
            infos.add(stream.info());
        }
        return infos;
    }

    void onRtp(PacketBuffer packet) {
        if (!view.wrap(packet.array(), packet.offset(), packet.length())) {
            return;
        }
        long arrivalNanos = packet.receivedNanos();
        if (transportCcId != 0) {
            int index = view.findExtension(transportCcId);
            if (index >= 0 && view.extensionDataLength(index) == 2) {
                transportCc.onPacket(Bytes.readUint16(view.buffer(), view.extensionDataOffset(index)), arrivalNanos);
            }
        }
        int ssrc = view.ssrc();
        ReceiveStream stream = bySsrc.get(ssrc);
        if (stream != null) {
            if (feedbackMediaSsrc == 0) {
                feedbackMediaSsrc = ssrc;
            }
            stream.onMedia(view, arrivalNanos, vp8);
            return;
        }
        stream = byRtxSsrc.get(ssrc);
        if (stream != null) {
            stream.onRetransmission(view, arrivalNanos, vp8);
        } else {
            metrics.unknownSsrc.increment();
        }
    }

    /** A sender report of the SFU about a stream we receive: its NTP time is echoed in our reports (LSR/DLSR). */
    void onSenderReport(int ssrc, long ntpTimestamp, long arrivalNanos) {
        ReceiveStream stream = bySsrc.get(ssrc);
        if (stream != null) {
            stream.stats().onSenderReport(ntpTimestamp, arrivalNanos);
        }
    }

    /** Settles loss, and appends the feedback due now to {@code out}. */
    void tick(long nowNanos, RtcpCompound out) {
        ticks++;
        if (ticks % REPORT_EVERY_TICKS == 0) {
            writeReceiverReports(out, nowNanos);
        }
        for (ReceiveStream stream : streams) {
            int count = stream.tick(nowNanos, REPAIR_WINDOW_NANOS, nackScratch);
            int ssrc = stream.info().ssrc();
            if (count > 0) {
                int length = GenericNack.length(nackScratch, count);
                out.ensureRoom(length);
                out.appended(GenericNack.write(out.array(), out.writeOffset(), localSsrc, ssrc, nackScratch, count));
                metrics.nacksSent.add(count);
            }
            if (stream.takePli(nowNanos)) {
                out.ensureRoom(Pli.LENGTH);
                out.appended(Pli.write(out.array(), out.writeOffset(), localSsrc, ssrc));
                metrics.plisSent.increment();
            }
        }
        if (ticks % FEEDBACK_EVERY_TICKS == 0) {
            while (transportCc.hasPending()) {
                out.ensureRoom(RtcpCompound.MAX_BYTES); // a feedback may fill a whole datagram
                int length = transportCc.writeFeedback(out.array(), out.writeOffset(), localSsrc, feedbackMediaSsrc);
                if (length == 0) {
                    break;
                }
                out.appended(length);
                metrics.feedbackPacketsSent.increment();
            }
        }
    }

    private void writeReceiverReports(RtcpCompound out, long nowNanos) {
        int total = 0;
        for (ReceiveStream stream : streams) {
            if (stream.reportable()) {
                total++;
            }
        }
        int written = 0;
        int index = 0;
        while (written < total) {
            int blocks = Math.min(MAX_REPORT_BLOCKS, total - written);
            out.ensureRoom(ReceiverReport.REPORT_BLOCKS_OFFSET + ReportBlock.LENGTH * blocks);
            int at = out.writeOffset();
            int length = ReceiverReport.write(out.array(), at, localSsrc, blocks);
            int block = 0;
            while (block < blocks) {
                ReceiveStream stream = streams.get(index++);
                if (stream.reportable()) {
                    stream.stats().writeReportBlock(out.array(), ReceiverReport.reportBlockOffset(at, block),
                            stream.info().ssrc(), nowNanos);
                    block++;
                }
            }
            out.appended(length);
            written += blocks;
        }
    }

    /** Settles every stream's loss (end of a run). */
    void flush() {
        for (ReceiveStream stream : streams) {
            stream.flush();
        }
    }

    /** Every stream's counts, removed ones included. */
    List<StreamReport> reports() {
        List<StreamReport> reports = new ArrayList<>();
        for (ReceiveStream stream : retired) {
            reports.add(stream.report());
        }
        for (ReceiveStream stream : streams) {
            reports.add(stream.report());
        }
        return reports;
    }
}
