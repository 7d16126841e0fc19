package org.opensfu.core.sdp;

/**
 * A {@code c=} line (RFC 8866 §5.7): {@code c=<nettype> <addrtype> <connection-address>}. The address is kept as
 * written (it may carry a multicast TTL or count such as {@code 224.2.1.1/127}). With ICE the address is not used
 * for media (RFC 8839 §4.2.2); JSEP writes {@code c=IN IP4 0.0.0.0} until candidates exist.
 */
public record Connection(String netType, String addressType, String address) {

    public Connection {
        SdpSyntax.requireToken(netType, "c= network type");
        SdpSyntax.requireToken(addressType, "c= address type");
        SdpSyntax.requireWord(address, "c= address");
    }

    /** {@code IN IP4 <address>}. */
    public static Connection ip4(String address) {
        return new Connection("IN", "IP4", address);
    }

    /** {@code IN IP6 <address>}. */
    public static Connection ip6(String address) {
        return new Connection("IN", "IP6", address);
    }

    static Connection parse(String value) {
        String[] f = value.split(" ", -1);
        if (f.length != 3) {
            throw new IllegalArgumentException(
                    "c= needs 3 fields separated by single spaces (<nettype> <addrtype> <address>), got " + f.length);
        }
        return new Connection(f[0], f[1], f[2]);
    }

    public String toSdpValue() {
        return netType + " " + addressType + " " + address;
    }
}
