package org.opensfu.core.transport.dtls;

import java.io.IOException;

/** Where DTLS records go out: the ICE component's selected pair. */
@FunctionalInterface
public interface DatagramSink {
    void send(byte[] buf, int off, int len) throws IOException;
}
