package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=simulcast:send <streams> [recv <streams>]} or with recv first (RFC 8853 §5.1, grammar §5.2). Streams
 * are separated by {@code ;}; each stream lists one or more alternative rids separated by {@code ,}; a rid written
 * with a leading {@code ~} starts paused. Chromium offers {@code a=simulcast:send q;h;f}; an SFU answers
 * {@code a=simulcast:recv q;h;f} ({@link #reversed()}).
 *
 * @param send the streams the writer sends, in order of the attribute (empty if none)
 * @param recv the streams the writer receives (empty if none)
 */
public record Simulcast(List<Stream> send, List<Stream> recv) {

    /** One simulcast stream: the alternative rids it may use, in order of preference. */
    public record Stream(List<Alternative> alternatives) {
        public Stream {
            alternatives = List.copyOf(alternatives);
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("a simulcast stream needs at least one rid");
            }
        }

        /** A stream with a single, unpaused rid. */
        public static Stream of(String rid) {
            return new Stream(List.of(new Alternative(rid, false)));
        }

        /** The first alternative, which names the stream in most uses. */
        public Alternative first() {
            return alternatives.get(0);
        }
    }

    /** One rid of a stream; {@code paused} is the {@code ~} prefix. */
    public record Alternative(String rid, boolean paused) {
        public Alternative {
            Rid.checkId(rid, "simulcast rid");
        }
    }

    public Simulcast {
        send = List.copyOf(send);
        recv = List.copyOf(recv);
        if (send.isEmpty() && recv.isEmpty()) {
            throw new IllegalArgumentException("simulcast needs send or recv streams");
        }
    }

    /** {@code send r1;r2;...}, one unpaused rid per stream. */
    public static Simulcast send(String... rids) {
        return new Simulcast(streams(rids), List.of());
    }

    /** {@code recv r1;r2;...}, one unpaused rid per stream. */
    public static Simulcast recv(String... rids) {
        return new Simulcast(List.of(), streams(rids));
    }

    /** Send and receive swapped: the attribute as the other side would write it. */
    public Simulcast reversed() {
        return new Simulcast(recv, send);
    }

    /** The rids of the send streams, every alternative, in order. */
    public List<String> sendRids() {
        return rids(send);
    }

    /** The rids of the receive streams, every alternative, in order. */
    public List<String> recvRids() {
        return rids(recv);
    }

    public static Simulcast parse(String value) {
        String[] w = SdpSyntax.words(value);
        if (w.length != 2 && w.length != 4) {
            throw new IllegalArgumentException(
                    "needs 'send <streams>', 'recv <streams>' or both, got " + SdpSyntax.quote(value));
        }
        List<Stream> send = null;
        List<Stream> recv = null;
        for (int i = 0; i < w.length; i += 2) {
            List<Stream> streams = parseStreams(w[i + 1]);
            if ("send".equals(w[i]) && send == null) {
                send = streams;
            } else if ("recv".equals(w[i]) && recv == null) {
                recv = streams;
            } else {
                throw new IllegalArgumentException("simulcast direction " + SdpSyntax.quote(w[i])
                        + " is not send or recv, or appears twice");
            }
        }
        return new Simulcast(send == null ? List.of() : send, recv == null ? List.of() : recv);
    }

    /** {@code send ...} first, then {@code recv ...}, as RFC 8853's examples write it. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder();
        if (!send.isEmpty()) {
            sb.append("send ");
            appendStreams(sb, send);
        }
        if (!recv.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append("recv ");
            appendStreams(sb, recv);
        }
        return sb.toString();
    }

    private static List<Stream> parseStreams(String text) {
        List<Stream> streams = new ArrayList<>();
        for (String s : text.split(";", -1)) {
            List<Alternative> alts = new ArrayList<>();
            for (String a : s.split(",", -1)) {
                boolean paused = a.startsWith("~");
                alts.add(new Alternative(paused ? a.substring(1) : a, paused));
            }
            streams.add(new Stream(alts));
        }
        return streams;
    }

    private static void appendStreams(StringBuilder sb, List<Stream> streams) {
        for (int i = 0; i < streams.size(); i++) {
            if (i > 0) {
                sb.append(';');
            }
            List<Alternative> alts = streams.get(i).alternatives();
            for (int j = 0; j < alts.size(); j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(alts.get(j).paused() ? "~" : "").append(alts.get(j).rid());
            }
        }
    }

    private static List<Stream> streams(String... rids) {
        List<Stream> out = new ArrayList<>(rids.length);
        for (String r : rids) {
            out.add(Stream.of(r));
        }
        return out;
    }

    private static List<String> rids(List<Stream> streams) {
        List<String> out = new ArrayList<>();
        for (Stream s : streams) {
            for (Alternative a : s.alternatives()) {
                out.add(a.rid());
            }
        }
        return List.copyOf(out);
    }
}
