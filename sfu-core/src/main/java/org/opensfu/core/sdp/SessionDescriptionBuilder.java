package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Mutable builder of a {@link SessionDescription}; get one from {@link SessionDescription#builder()}. Lines are
 * written in RFC 8866 order whatever the call order; attributes and media sections in call order. Defaults:
 * {@code s=-} and, if no timing is added, {@code t=0 0} (RFC 8829 §5.2.1). The origin is required.
 */
public final class SessionDescriptionBuilder extends AttributesBuilder<SessionDescriptionBuilder> {
    private Origin origin;
    private String sessionName = "-";
    private String information;
    private String uri;
    private final List<String> emails = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    private Connection connection;
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private final List<Timing> timings = new ArrayList<>();
    private String timeZones;
    private String encryptionKey;
    private final List<MediaDescription> media = new ArrayList<>();

    SessionDescriptionBuilder() {
    }

    SessionDescriptionBuilder(SessionDescription from) {
        origin = from.origin();
        sessionName = from.sessionName();
        information = from.information();
        uri = from.uri();
        emails.addAll(from.emails());
        phones.addAll(from.phones());
        connection = from.connection();
        bandwidths.addAll(from.bandwidths());
        timings.addAll(from.timings());
        timeZones = from.timeZones();
        encryptionKey = from.encryptionKey();
        attributes.addAll(from.attributes());
        media.addAll(from.media());
    }

    @Override
    SessionDescriptionBuilder self() {
        return this;
    }

    /** The {@code o=} line; see {@link Origin#of(long, long)}. */
    public SessionDescriptionBuilder origin(Origin origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        return this;
    }

    /** The {@code s=} line; "-" by default. */
    public SessionDescriptionBuilder sessionName(String name) {
        this.sessionName = SdpSyntax.requireText(name, "s= line");
        return this;
    }

    public SessionDescriptionBuilder information(String text) {
        this.information = text == null ? null : SdpSyntax.requireText(text, "i= line");
        return this;
    }

    public SessionDescriptionBuilder uri(String text) {
        this.uri = text == null ? null : SdpSyntax.requireText(text, "u= line");
        return this;
    }

    public SessionDescriptionBuilder email(String text) {
        emails.add(SdpSyntax.requireText(text, "e= line"));
        return this;
    }

    public SessionDescriptionBuilder phone(String text) {
        phones.add(SdpSyntax.requireText(text, "p= line"));
        return this;
    }

    /** The session-level {@code c=} line, or null for none. */
    public SessionDescriptionBuilder connection(Connection connection) {
        this.connection = connection;
        return this;
    }

    public SessionDescriptionBuilder bandwidth(Bandwidth bandwidth) {
        bandwidths.add(Objects.requireNonNull(bandwidth, "bandwidth"));
        return this;
    }

    /** Adds a {@code t=} line; without any, the description gets {@link Timing#PERMANENT}. */
    public SessionDescriptionBuilder timing(Timing timing) {
        timings.add(Objects.requireNonNull(timing, "timing"));
        return this;
    }

    public SessionDescriptionBuilder timeZones(String text) {
        this.timeZones = text == null ? null : SdpSyntax.requireText(text, "z= line");
        return this;
    }

    public SessionDescriptionBuilder encryptionKey(String text) {
        this.encryptionKey = text == null ? null : SdpSyntax.requireText(text, "k= line");
        return this;
    }

    /** Appends a media section. */
    public SessionDescriptionBuilder media(MediaDescription section) {
        media.add(Objects.requireNonNull(section, "media"));
        return this;
    }

    /** Appends media sections. */
    public SessionDescriptionBuilder media(List<MediaDescription> sections) {
        sections.forEach(this::media);
        return this;
    }

    /** Replaces the media section at this index. */
    public SessionDescriptionBuilder setMedia(int index, MediaDescription section) {
        media.set(index, Objects.requireNonNull(section, "media"));
        return this;
    }

    public SessionDescriptionBuilder clearMedia() {
        media.clear();
        return this;
    }

    /** The media sections so far (a read-only copy). */
    public List<MediaDescription> media() {
        return List.copyOf(media);
    }

    /** {@code a=group:<semantics> <mid>...} (RFC 5888 §5). */
    public SessionDescriptionBuilder group(Group group) {
        return attribute(AttributeNames.GROUP, group.toSdpValue());
    }

    /** {@code a=group:BUNDLE <mid>...} (RFC 8843 §7). */
    public SessionDescriptionBuilder bundle(List<String> mids) {
        return group(Group.bundle(mids));
    }

    public SessionDescriptionBuilder bundle(String... mids) {
        return group(Group.bundle(mids));
    }

    /** {@code a=msid-semantic: <semantic> [<stream id>...]} written as Chromium does. */
    public SessionDescriptionBuilder msidSemantic(MsidSemantic semantic) {
        return attribute(AttributeNames.MSID_SEMANTIC, semantic.toSdpValue());
    }

    /** {@code a=ice-lite} (RFC 8839 §5.3): this side only answers connectivity checks, as an SFU usually does. */
    public SessionDescriptionBuilder iceLite() {
        return attribute(AttributeNames.ICE_LITE);
    }

    /**
     * @throws IllegalStateException if no origin was set
     */
    public SessionDescription build() {
        if (origin == null) {
            throw new IllegalStateException("a session description needs an origin (o= line)");
        }
        List<Timing> t = timings.isEmpty() ? List.of(Timing.PERMANENT) : timings;
        return new SessionDescription(0, origin, sessionName, information, uri, emails, phones, connection,
                bandwidths, t, timeZones, encryptionKey, attributes, media);
    }
}
