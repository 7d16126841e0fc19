package org.opensfu.core.repair;

import java.nio.ByteBuffer;

/** RTP packets assembled by hand for the repair tests (RFC 3550 §5.1, RFC 8285 §4.2/§4.3). */
final class RepairTestPackets {
    private RepairTestPackets() {
    }

    /**
     * An RTP packet with {@code csrcs}, an optional extension block ({@code extensionBlock}: profile word excluded,
     * a multiple of 4 bytes, or null), the payload and {@code paddingLength} bytes of padding (0 for none).
     */
    static byte[] rtp(boolean marker, int payloadType, int sequenceNumber, long timestamp, int ssrc, int[] csrcs,
                      int extensionProfile, byte[] extensionBlock, byte[] payload, int paddingLength) {
        int headerLength = 12 + 4 * csrcs.length + (extensionBlock == null ? 0 : 4 + extensionBlock.length);
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length + paddingLength);
        int b0 = 0x80 | (paddingLength > 0 ? 0x20 : 0) | (extensionBlock != null ? 0x10 : 0) | csrcs.length;
        b.put((byte) b0).put((byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F))).putShort((short) sequenceNumber)
                .putInt((int) timestamp).putInt(ssrc);
        for (int csrc : csrcs) {
            b.putInt(csrc);
        }
        if (extensionBlock != null) {
            b.putShort((short) extensionProfile).putShort((short) (extensionBlock.length / 4)).put(extensionBlock);
        }
        b.put(payload);
        for (int i = 0; i < paddingLength; i++) {
            b.put((byte) (i == paddingLength - 1 ? paddingLength : 0));
        }
        return b.array();
    }

    /** A plain packet: no CSRC, no extension, no padding; payload of {@code size} bytes derived from the number. */
    static byte[] simple(int sequenceNumber, int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (sequenceNumber * 31 + i);
        }
        return rtp(false, 96, sequenceNumber, 90L * sequenceNumber, 0x1234, new int[0], 0, null, payload, 0);
    }

    /** One-byte extension elements (RFC 8285 §4.2): IDs 1 (3 bytes), 3 (2 bytes), 5 (1 byte), padded to 12 bytes. */
    static byte[] oneByteExtensions() {
        return new byte[] {0x12, 1, 2, 3, 0x31, 4, 5, 0x50, 6, 0, 0, 0};
    }

    /** Two-byte extension elements (RFC 8285 §4.3): ID 7 with 0 bytes, ID 200 with 5 bytes, padded to 12 bytes. */
    static byte[] twoByteExtensions() {
        return new byte[] {7, 0, (byte) 200, 5, 1, 2, 3, 4, 5, 0, 0, 0};
    }
}
