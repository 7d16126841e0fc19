/**
 * Send-side bandwidth estimation for one subscriber transport, in the manner of Google Congestion Control
 * (draft-ietf-rmcat-gcc-02) driven by transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01).
 *
 * <p>{@link org.opensfu.core.bwe.SendSideBandwidthEstimator} is the entry point: it records every packet sent
 * ({@link org.opensfu.core.bwe.SentPacketHistory}), matches feedback to it
 * ({@link org.opensfu.core.bwe.TransportFeedbackAdapter}), and combines a delay-based estimate
 * ({@link org.opensfu.core.bwe.DelayBasedEstimator}: inter-arrival groups, trendline filter, over-use detector, AIMD
 * rate control) with a loss-based bound ({@link org.opensfu.core.bwe.LossBasedController}) and probing
 * ({@link org.opensfu.core.bwe.ProbeController}, {@link org.opensfu.core.bwe.ProbeResultEstimator}). Every component
 * takes time from arguments in nanoseconds; none reads a clock, so all of it runs in virtual time in tests. Nothing
 * is thread-safe: confine an estimator to its transport's loop thread.
 */
package org.opensfu.core.bwe;
