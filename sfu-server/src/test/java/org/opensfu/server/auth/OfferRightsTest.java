package org.opensfu.server.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensfu.api.signaling.Offer;
import org.opensfu.server.api.ApiException;

class OfferRightsTest {
    private static final Grants VIEWER = new Grants("k", "v", "r", false, true, false, null);
    private static final Grants DEAF = new Grants("k", "d", "r", true, false, false, null);

    private static String offer(String direction, int port) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=audio " + port + " UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n" + direction
                + "a=rtpmap:111 opus/48000/2\r\n";
    }

    @Test
    void aViewerMayReceiveButNotSend() {
        assertThatCode(() -> OfferRights.check(VIEWER, new Offer("1", offer("a=recvonly\r\n", 9), null,
                List.of(new Offer.Subscription("0", "t-1"))))).doesNotThrowAnyException();
        assertThatCode(() -> OfferRights.check(VIEWER, new Offer("1", offer("a=sendonly\r\n", 0), null, null)))
                .as("a rejected m-section sends nothing").doesNotThrowAnyException();
        for (String sending : List.of("a=sendonly\r\n", "a=sendrecv\r\n", "")) {
            assertThatThrownBy(() -> OfferRights.check(VIEWER, new Offer("1", offer(sending, 9), null, null)))
                    .isInstanceOf(ApiException.class).hasMessageContaining("publishing");
        }
        assertThatCode(() -> OfferRights.check(VIEWER, new Offer("1", "garbage", null, null)))
                .as("left to negotiation, which answers BAD_REQUEST").doesNotThrowAnyException();
    }

    @Test
    void withoutTheSubscribeRightSubscriptionsAreRefused() {
        assertThatCode(() -> OfferRights.check(DEAF, new Offer("1", offer("a=sendonly\r\n", 9), null, null)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> OfferRights.check(DEAF, new Offer("1", offer("a=recvonly\r\n", 9), null,
                List.of(new Offer.Subscription("0", "t-1"))))).isInstanceOf(ApiException.class)
                .hasMessageContaining("subscribing");
    }
}
