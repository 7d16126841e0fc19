package org.opensfu.core.transport.ice;

/**
 * ICE role (RFC 8445 §6.1.1). The endpoint that sent the offer is controlling: when a browser offers, the SFU is
 * {@link #CONTROLLED}; our Java peer, which offers, is {@link #CONTROLLING}.
 */
public enum IceRole {
    CONTROLLING,
    CONTROLLED
}
