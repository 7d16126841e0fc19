package org.opensfu.core.transport.dtls;

import org.opensfu.core.srtp.SrtpKeyingMaterial;

/** What the Bouncy Castle peer objects report back to {@link DtlsTransport}, on the handshake thread. */
interface DtlsPeerEvents {
    void onHandshakeComplete(SrtpKeyingMaterial keyingMaterial);

    void onAlertReceived(short alertLevel, short alertDescription);
}
