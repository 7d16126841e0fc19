/**
 * VP8 over RTP (RFC 7741): the payload descriptor and the start of the VP8 payload (key frame flag and size, RFC 6386
 * §9.1), read and rewritten in place without copying.
 */
package org.opensfu.core.codec.vp8;
