package org.opensfu.core.rtp;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The extension IDs one endpoint negotiated (its {@code a=extmap} lines, RFC 8285 §5): ID to extension and back.
 * Immutable.
 */
public final class HeaderExtensionMap {
    public static final HeaderExtensionMap EMPTY = new HeaderExtensionMap(Map.of());

    private final HeaderExtension[] byId = new HeaderExtension[256];
    private final int[] idByExtension = new int[HeaderExtension.values().length];

    /** @param ids negotiated ID (1-255) per extension */
    public HeaderExtensionMap(Map<HeaderExtension, Integer> ids) {
        for (Map.Entry<HeaderExtension, Integer> entry : ids.entrySet()) {
            int id = entry.getValue();
            if (id < 1 || id > 255) {
                throw new IllegalArgumentException("extension ID out of range: " + id);
            }
            if (byId[id] != null) {
                throw new IllegalArgumentException("extension ID " + id + " used twice");
            }
            byId[id] = entry.getKey();
            idByExtension[entry.getKey().ordinal()] = id;
        }
    }

    /** The ID negotiated for {@code extension}, or 0. */
    public int id(HeaderExtension extension) {
        return idByExtension[extension.ordinal()];
    }

    /** The extension negotiated under {@code id}, or null. */
    public HeaderExtension extension(int id) {
        return id >= 0 && id < 256 ? byId[id] : null;
    }

    public Map<HeaderExtension, Integer> asMap() {
        Map<HeaderExtension, Integer> map = new EnumMap<>(HeaderExtension.class);
        for (HeaderExtension extension : HeaderExtension.values()) {
            if (idByExtension[extension.ordinal()] != 0) {
                map.put(extension, idByExtension[extension.ordinal()]);
            }
        }
        return map;
    }

    /**
     * How to rewrite a sender's extension IDs for a receiver: entry {@code [senderId]} is the receiver's ID for the same
     * extension, or 0 where the element must be stripped (not negotiated by the receiver, or hop-by-hop). The
     * transport-cc element is kept under the receiver's ID although it is hop-by-hop: the forwarder overwrites its
     * value with the receiver's own transport-wide sequence number.
     */
    public static byte[] forwardingTable(HeaderExtensionMap sender, HeaderExtensionMap receiver) {
        byte[] table = new byte[256];
        for (int id = 1; id < 256; id++) {
            HeaderExtension extension = sender.byId[id];
            if (extension != null && (extension.forwardable() || extension == HeaderExtension.TRANSPORT_CC)) {
                table[id] = (byte) receiver.id(extension);
            }
        }
        return table;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderExtensionMap other && Arrays.equals(idByExtension, other.idByExtension);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(idByExtension);
    }

    @Override
    public String toString() {
        return "HeaderExtensionMap" + asMap();
    }
}
