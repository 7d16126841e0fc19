package org.opensfu.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The captured Chromium 156 offers: exact round trip and typed readers checked against the known content. */
class ChromiumOfferFixturesTest {
    static final java.util.List<String> FIXTURES = SdpFixtures.ALL;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void roundTripsExactly(String name) {
        String text = SdpFixtures.text(name);
        assertThat(text).endsWith("\r\n").doesNotContain("\r\n\r\n");
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.write()).isEqualTo(text);
        assertThat(SessionDescription.parse(sdp.write())).isEqualTo(sdp);
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void roundTripsWithLfLineEnds(String name) {
        String text = SdpFixtures.text(name);
        String lf = text.replace("\r\n", "\n");
        assertThat(SessionDescription.parse(lf).write()).isEqualTo(text);
        String noFinalNewline = lf.substring(0, lf.length() - 1);
        assertThat(SessionDescription.parse(noFinalNewline).write()).isEqualTo(text);
    }
}
