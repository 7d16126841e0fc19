package org.opensfu.core.testing;

import java.nio.ByteBuffer;

/** Hand-assembled packets for tests that do not exercise the parsers themselves. */
public final class TestPackets {
    private TestPackets() {
    }

    /** A minimal RTP packet (RFC 3550 §5.1): V=2, no CSRC, no extension, the given payload. */
    public static byte[] rtp(int payloadType, int sequenceNumber, long timestamp, int ssrc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) (payloadType & 0x7F)).putShort((short) sequenceNumber)
                .putInt((int) timestamp).putInt(ssrc).put(payload);
        return b.array();
    }

    /**
     * An RTP packet with one-byte header extensions (RFC 8285 §4.2): element i has ID {@code ids[i]} and data
     * {@code values[i]} (1-16 bytes each).
     */
    public static byte[] rtpWithExtensions(int payloadType, int sequenceNumber, long timestamp, int ssrc, int[] ids,
                                           byte[][] values, byte[] payload) {
        int elements = 0;
        for (byte[] value : values) {
            elements += 1 + value.length;
        }
        int extensionLength = (elements + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + 4 + extensionLength + payload.length);
        b.put((byte) 0x90).put((byte) (payloadType & 0x7F)).putShort((short) sequenceNumber)
                .putInt((int) timestamp).putInt(ssrc);
        b.putShort((short) 0xBEDE).putShort((short) (extensionLength / 4));
        for (int i = 0; i < ids.length; i++) {
            b.put((byte) ((ids[i] << 4) | (values[i].length - 1))).put(values[i]);
        }
        b.position(12 + 4 + extensionLength);
        b.put(payload);
        return b.array();
    }

    /**
     * A VP8 payload that is one whole frame (RFC 7741 §4.2): descriptor with S=1, partition 0 and a 15-bit picture ID,
     * then a VP8 frame tag (RFC 6386 §9.1) that makes it a key frame of 640x360 or an inter frame, then {@code marker}
     * as the last byte (for tests to tell packets apart).
     */
    public static byte[] vp8Frame(int pictureId, boolean keyframe, byte marker) {
        ByteBuffer b = ByteBuffer.allocate(4 + 10 + 1);
        b.put((byte) 0x90).put((byte) 0x80).putShort((short) (0x8000 | (pictureId & 0x7FFF)));
        if (keyframe) {
            b.put((byte) 0x10).put((byte) 0).put((byte) 0) // P=0: key frame
                    .put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A)
                    .put((byte) (640 & 0xFF)).put((byte) (640 >> 8)).put((byte) (360 & 0xFF)).put((byte) (360 >> 8));
        } else {
            b.put((byte) 0x11).put(new byte[9]); // P=1: inter frame
        }
        b.put(marker);
        return b.array();
    }

    /** A generic NACK (RFC 4585 §6.2.1) for one sequence number: a complete, valid RTCP packet. */
    public static byte[] nack(int senderSsrc, int mediaSsrc, int sequenceNumber) {
        return ByteBuffer.allocate(16).put((byte) 0x81).put((byte) 205).putShort((short) 3)
                .putInt(senderSsrc).putInt(mediaSsrc).putShort((short) sequenceNumber).putShort((short) 0).array();
    }

    /** A PLI (RFC 4585 §6.3.1): a complete, valid RTCP packet. */
    public static byte[] pli(int senderSsrc, int mediaSsrc) {
        return ByteBuffer.allocate(12).put((byte) 0x81).put((byte) 206).putShort((short) 2)
                .putInt(senderSsrc).putInt(mediaSsrc).array();
    }

    /** A receiver report with no report blocks (RFC 3550 §6.4.2). */
    public static byte[] emptyReceiverReport(int senderSsrc) {
        return ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt(senderSsrc).array();
    }

    /**
     * A STUN Binding Request (RFC 8489 §5) with only a USERNAME attribute: enough for ice4j's shared port to map the
     * sender's address to the transport owning the ufrag, without valid credentials.
     */
    public static byte[] stunBindingRequest(String username, byte[] transactionId) {
        byte[] user = username.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int padded = (user.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(20 + 4 + padded);
        b.putShort((short) 0x0001).putShort((short) (4 + padded)).putInt(0x2112A442).put(transactionId, 0, 12);
        b.putShort((short) 0x0006).putShort((short) user.length).put(user);
        return b.array();
    }
}
