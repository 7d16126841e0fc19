/**
 * SDP (RFC 8866) for the WebRTC subset browsers exchange through JSEP (RFC 8829): unified plan, BUNDLE
 * (RFC 8843), rtcp-mux (RFC 5761), ICE (RFC 8839) and DTLS-SRTP (RFC 8122, RFC 8842).
 *
 * <h2>Model</h2>
 * {@link org.opensfu.core.sdp.SessionDescription} and {@link org.opensfu.core.sdp.MediaDescription} are immutable
 * records that keep every line: structural lines as small records ({@code Origin}, {@code Connection},
 * {@code Bandwidth}, {@code Timing}), attributes as {@link org.opensfu.core.sdp.Attribute} (name plus raw value,
 * null for flags) in their original order, unknown ones included. Hence {@code parse(x).write()} equals {@code x}
 * with CRLF line ends and a final CRLF. Typed readers ({@code mid()}, {@code codecs()}, {@code rids()},
 * {@code simulcast()}, {@code iceDtlsParameters(...)}, ...) are computed from the attributes on each call; cache
 * their results when calling them in loops.
 *
 * <h2>Conventions the negotiation code relies on</h2>
 * <ul>
 * <li>Single-valued readers return {@code Optional}/{@code OptionalInt}; multi-valued ones lists (empty when
 * absent); optional single lines of the records ({@code i=}, {@code c=} at session level ...) are null.</li>
 * <li>{@code MediaDescription.direction()} is the section's own direction attribute, else SENDRECV;
 * {@code SessionDescription.effectiveDirection(m)} also falls back to a session-level one.</li>
 * <li>m-line formats are strings; for RTP protocols they are guaranteed to be payload types 0-127 and
 * {@code payloadTypes()} gives them as numbers. {@code codecs()} lists them in m-line order with rtpmap, fmtp map
 * and feedback (wildcard {@code rtcp-fb:*} copied in per payload type); payload types without rtpmap are left out.</li>
 * <li>Port 0 without {@code a=bundle-only} is {@code isRejected()}.</li>
 * <li>{@code SessionDescription.iceDtlsParameters(m)} takes ufrag, password, fingerprints and setup from the
 * section, else the tagged section of its BUNDLE group, else the session level.</li>
 * <li>Session id and version of {@code o=} are decimal strings.</li>
 * </ul>
 *
 * <h2>Strictness</h2>
 * {@link org.opensfu.core.sdp.SessionDescription#parse} throws only
 * {@link org.opensfu.core.sdp.SdpParseException} (unchecked, with the line number). It rejects: input over the
 * {@link org.opensfu.core.sdp.SdpLimits} (256 KiB, 4 KiB a line, 1000 media sections), control characters other
 * than CR/LF, empty lines, unknown type letters, lines out of RFC 8866 §5 order, malformed o=/c=/b=/t=/m= lines
 * (fields separated by single spaces, numbers without leading zeros), and malformed values of the attributes this
 * package reads (rtpmap, fmtp, rtcp-fb, extmap, ssrc, ssrc-group, rid, simulcast, msid, msid-semantic, group, mid,
 * setup, ice-ufrag, ice-pwd, fingerprint syntax, sctp-port, max-message-size, and values on flag attributes).
 * Candidates and fingerprints with hash functions the JDK lacks are accepted and skipped by the readers. Builders
 * apply the same checks and throw {@link java.lang.IllegalArgumentException} at once, so whatever they build
 * parses back to an equal description.
 */
package org.opensfu.core.sdp;
