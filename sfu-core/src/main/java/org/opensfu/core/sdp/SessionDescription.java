package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opensfu.core.transport.dtls.DtlsFingerprint;

/**
 * A session description (RFC 8866 §5) as browsers exchange them in JSEP (RFC 8829): the session-level lines
 * {@code v= o= s= [i=] [u=] e=* p=* [c=] b=* (t= r=*)+ [z=] [k=] a=*}, then the media sections. Immutable.
 *
 * <p>Reading: {@link #parse(String)} accepts CRLF or LF line ends and keeps every line, including attributes it
 * does not understand, in order: {@code parse(x).write()} gives back {@code x} with CRLF line ends and a final
 * CRLF. Writing: {@link #builder()}, or {@link #toBuilder()} to change a copy.
 *
 * <p>Optional single lines are null when absent. Typed readers compute their result from the attributes on each
 * call and never throw (see {@link HasAttributes}, {@link TypedAttributes}).
 *
 * @param version       always 0 (RFC 8866 §5.1)
 * @param information   the {@code i=} line, or null
 * @param uri           the {@code u=} line, or null
 * @param connection    the session-level {@code c=} line, or null
 * @param timings       one or more {@code t=} lines, each with its {@code r=} lines
 * @param timeZones     the {@code z=} line as written, or null
 * @param encryptionKey the obsolete {@code k=} line as written, or null
 */
public record SessionDescription(int version, Origin origin, String sessionName, String information, String uri,
                                 List<String> emails, List<String> phones, Connection connection,
                                 List<Bandwidth> bandwidths, List<Timing> timings, String timeZones,
                                 String encryptionKey, List<Attribute> attributes, List<MediaDescription> media)
        implements HasAttributes {

    public SessionDescription {
        if (version != 0) {
            throw new IllegalArgumentException("v= must be 0");
        }
        Objects.requireNonNull(origin, "origin");
        SdpSyntax.requireText(sessionName, "s= line");
        optionalText(information, "i= line");
        optionalText(uri, "u= line");
        optionalText(timeZones, "z= line");
        optionalText(encryptionKey, "k= line");
        emails = List.copyOf(emails);
        emails.forEach(e -> SdpSyntax.requireText(e, "e= line"));
        phones = List.copyOf(phones);
        phones.forEach(p -> SdpSyntax.requireText(p, "p= line"));
        bandwidths = List.copyOf(bandwidths);
        timings = List.copyOf(timings);
        if (timings.isEmpty()) {
            throw new IllegalArgumentException("a session description needs at least one t= line");
        }
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /**
     * Parses SDP text within {@link SdpLimits#DEFAULT}.
     *
     * @throws SdpParseException for anything malformed, and for nothing else whatever the input (null included)
     */
    public static SessionDescription parse(String sdp) {
        return SdpParser.parse(sdp, SdpLimits.DEFAULT);
    }

    /** Parses SDP text within the given limits. */
    public static SessionDescription parse(String sdp, SdpLimits limits) {
        return SdpParser.parse(sdp, limits);
    }

    /** The SDP text: every line ends with CRLF (RFC 8866 §5). */
    public String write() {
        StringBuilder sb = new StringBuilder(4096);
        MediaDescription.line(sb, 'v', Integer.toString(version));
        MediaDescription.line(sb, 'o', origin.toSdpValue());
        MediaDescription.line(sb, 's', sessionName);
        if (information != null) {
            MediaDescription.line(sb, 'i', information);
        }
        if (uri != null) {
            MediaDescription.line(sb, 'u', uri);
        }
        emails.forEach(e -> MediaDescription.line(sb, 'e', e));
        phones.forEach(p -> MediaDescription.line(sb, 'p', p));
        if (connection != null) {
            MediaDescription.line(sb, 'c', connection.toSdpValue());
        }
        bandwidths.forEach(b -> MediaDescription.line(sb, 'b', b.toSdpValue()));
        for (Timing t : timings) {
            MediaDescription.line(sb, 't', t.toSdpValue());
            t.repeats().forEach(r -> MediaDescription.line(sb, 'r', r));
        }
        if (timeZones != null) {
            MediaDescription.line(sb, 'z', timeZones);
        }
        if (encryptionKey != null) {
            MediaDescription.line(sb, 'k', encryptionKey);
        }
        attributes.forEach(a -> MediaDescription.line(sb, 'a', a.toSdpValue()));
        media.forEach(m -> m.appendTo(sb));
        return sb.toString();
    }

    public static SessionDescriptionBuilder builder() {
        return new SessionDescriptionBuilder();
    }

    /** A builder holding a copy of this description, to change it. */
    public SessionDescriptionBuilder toBuilder() {
        return new SessionDescriptionBuilder(this);
    }

    // ---- session-level readers -----------------------------------------------------------------------------------

    /** Every {@code a=group} (RFC 5888 §5), in order. */
    public List<Group> groups() {
        return TypedAttributes.all(attributes, AttributeNames.GROUP, Group::parse);
    }

    /** The mids of the first {@code a=group:BUNDLE} (RFC 8843 §7); empty if there is none. */
    public List<String> bundleMids() {
        return groups().stream().filter(Group::isBundle).findFirst().map(Group::mids).orElse(List.of());
    }

    /** The BUNDLE group that lists this mid. */
    public Optional<Group> bundleGroupOf(String mid) {
        return groups().stream().filter(g -> g.isBundle() && g.mids().contains(mid)).findFirst();
    }

    /** {@code a=msid-semantic}. */
    public Optional<MsidSemantic> msidSemantic() {
        return TypedAttributes.first(attributes, AttributeNames.MSID_SEMANTIC, MsidSemantic::parse);
    }

    /** {@code a=ice-lite} (RFC 8839 §5.3). */
    public boolean iceLite() {
        return hasAttribute(AttributeNames.ICE_LITE);
    }

    /** The first media section with this {@code a=mid}. */
    public Optional<MediaDescription> mediaByMid(String mid) {
        return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
    }

    /**
     * The ICE and DTLS parameters of a media section, each taken from the first place that has it: the section
     * itself; then, if the section is in a BUNDLE group, the group's tagged section (its first mid), which carries
     * the shared transport's parameters (RFC 8843 §7.1.3); then the session level, where RFC 8839 §5.4 and
     * RFC 8122 §5 also allow them. Browsers write them in every section.
     */
    public IceDtlsParameters iceDtlsParameters(MediaDescription section) {
        List<HasAttributes> levels = new ArrayList<>(3);
        levels.add(section);
        section.mid().flatMap(this::bundleGroupOf).filter(g -> !g.mids().isEmpty())
                .flatMap(g -> mediaByMid(g.mids().get(0))).filter(tagged -> tagged != section)
                .ifPresent(levels::add);
        levels.add(this);
        String ufrag = null;
        String pwd = null;
        List<DtlsFingerprint> fingerprints = List.of();
        SetupRole setup = null;
        for (HasAttributes level : levels) {
            ufrag = ufrag != null ? ufrag : level.iceUfrag().orElse(null);
            pwd = pwd != null ? pwd : level.icePassword().orElse(null);
            fingerprints = !fingerprints.isEmpty() ? fingerprints : level.fingerprints();
            setup = setup != null ? setup : level.setup().orElse(null);
        }
        return new IceDtlsParameters(ufrag, pwd, fingerprints, setup);
    }

    /**
     * The direction of a media section: its own direction attribute, else a session-level one, else
     * {@link Direction#SENDRECV} (RFC 8866 §6.7).
     */
    public Direction effectiveDirection(MediaDescription section) {
        return section.directionAttribute().or(this::directionAttribute).orElse(Direction.SENDRECV);
    }

    private static void optionalText(String s, String what) {
        if (s != null) {
            SdpSyntax.requireText(s, what);
        }
    }
}
