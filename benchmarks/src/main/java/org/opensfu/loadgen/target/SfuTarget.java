package org.opensfu.loadgen.target;

import org.opensfu.loadgen.scenario.ParticipantSpec;

/** An SFU the load generator drives through its public signaling API: OpenSFU, or Janus' VideoRoom. */
public interface SfuTarget extends AutoCloseable {
    /** "opensfu" or "janus", for reports. */
    String name();

    /**
     * Joins one participant and waits until its media connection is up (ICE, DTLS, SRTP).
     *
     * @throws Exception when it could not join in time; the message says why
     */
    Participant join(ParticipantSpec spec) throws Exception;

    @Override
    void close();
}
