package org.opensfu.core.transport.ice;

import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.util.IPAddress;

/**
 * One ICE candidate as carried in SDP {@code a=candidate} lines and trickle messages (RFC 8839 §5.1):
 * <pre>
 * candidate:&lt;foundation&gt; &lt;component&gt; &lt;transport&gt; &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ &lt;type&gt;
 *           [raddr &lt;address&gt; rport &lt;port&gt;] *(&lt;extension-name&gt; &lt;extension-value&gt;)
 * </pre>
 * The address may be an IP literal or, from browsers hiding local addresses, an mDNS name.
 */
public record IceCandidate(String foundation, int component, String protocol, long priority, String address,
                           int port, String type, String relatedAddress, int relatedPort) {

    /** RFC 8445 §5.1.2.2: type preference of host candidates. */
    public static final int HOST_TYPE_PREFERENCE = 126;

    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        if (component < 1 || component > 256 || port < 0 || port > 65535 || priority < 0 || priority > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("candidate field out of range");
        }
        protocol = protocol.toLowerCase(Locale.ROOT);
        type = type.toLowerCase(Locale.ROOT);
    }

    /** A UDP host candidate for component 1 (RTP and RTCP are muxed), with the RFC 8445 §5.1.2.1 priority. */
    public static IceCandidate host(String foundation, String address, int port, int localPreference) {
        long priority = ((long) HOST_TYPE_PREFERENCE << 24) + ((long) localPreference << 8) + (256 - 1);
        return new IceCandidate(foundation, 1, "udp", priority, address, port, "host", null, -1);
    }

    /**
     * Parses an {@code a=candidate} value, with or without the leading {@code "candidate:"}.
     *
     * @throws IllegalArgumentException when the line is not a candidate
     */
    public static IceCandidate parse(String line) {
        String value = line.trim();
        if (value.startsWith("a=")) {
            value = value.substring(2);
        }
        if (value.startsWith("candidate:")) {
            value = value.substring("candidate:".length());
        }
        String[] f = value.split("\\s+");
        if (f.length < 8 || !"typ".equals(f[6])) {
            throw new IllegalArgumentException("not an ICE candidate: " + line);
        }
        try {
            String relatedAddress = null;
            int relatedPort = -1;
            for (int i = 8; i + 1 < f.length; i += 2) {
                if ("raddr".equals(f[i])) {
                    relatedAddress = f[i + 1];
                } else if ("rport".equals(f[i])) {
                    relatedPort = Integer.parseInt(f[i + 1]);
                }
            }
            return new IceCandidate(f[0], Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), f[4],
                    Integer.parseInt(f[5]), f[7], relatedAddress, relatedPort);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an ICE candidate: " + line, e);
        }
    }

    /** The value of an {@code a=candidate:} attribute, without the "candidate:" prefix. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(foundation).append(' ').append(component).append(' ').append(protocol).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        if (relatedAddress != null) {
            sb.append(" raddr ").append(relatedAddress).append(" rport ").append(relatedPort);
        }
        return sb.toString();
    }

    /** True for UDP candidates whose address is an IP literal (not an mDNS name). */
    public boolean isUdpWithIpAddress() {
        // a strict literal check: anything else (999.1.1.1, x:y) would make InetAddress.getByName ask the resolver
        return "udp".equals(protocol) && IPAddress.isValid(address);
    }
}
