package org.opensfu.server.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opensfu.api.ErrorCode;
import org.opensfu.api.signaling.Candidate;
import org.opensfu.api.signaling.ClientMessage;
import org.opensfu.api.signaling.ErrorMessage;
import org.opensfu.api.signaling.Join;
import org.opensfu.api.signaling.Leave;
import org.opensfu.api.signaling.Offer;
import org.opensfu.api.signaling.ServerMessage;
import org.opensfu.api.signaling.SetLastN;
import org.opensfu.api.signaling.SetTrackConstraints;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.auth.Grants;
import org.opensfu.server.auth.OfferRights;
import org.opensfu.server.config.ServerConfig;
import org.opensfu.server.http.Json;
import org.opensfu.server.logging.LogContext;
import org.opensfu.server.room.LeaveReason;
import org.opensfu.server.room.Participant;
import org.opensfu.server.room.ParticipantConnection;
import org.opensfu.server.room.Room;
import org.opensfu.server.room.RoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signaling WebSocket: {@code join} first, then offers, candidates and {@code leave} (see PROTOCOL.md). Every
 * malformed or out-of-order message is answered with an {@code error} and the connection stays usable; a flood is
 * answered once and disconnected; a lost connection takes the participant out of the room. Messages of one connection
 * are handled one at a time, on its Vert.x event loop.
 */
final class SignalingSession implements ParticipantConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingSession.class);
    private static final short CLOSE_POLICY_VIOLATION = 1008;
    private static final short CLOSE_MESSAGE_TOO_BIG = 1009;

    private final ServerWebSocket socket;
    private final RoomService rooms;
    private final MessageRateLimiter rateLimiter;
    private final int maxMessageBytes;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** What the connection's token allows (auth). */
    private final Grants grants;
    private Buffer partialText;
    private Room room;
    private Participant participant;

    SignalingSession(ServerWebSocket socket, RoomService rooms, ServerConfig.Signaling config, Clock clock,
                     Grants grants) {
        this.socket = socket;
        this.grants = grants;
        this.rooms = rooms;
        this.rateLimiter = new MessageRateLimiter(clock, config.maxMessagesPerSecond(), config.messageBurst());
        this.maxMessageBytes = config.maxMessageBytes();
        socket.frameHandler(this::onFrame);
        socket.closeHandler(ignored -> onClosed());
        socket.exceptionHandler(e -> LOG.debug("signaling socket error: {}", e.toString()));
    }

    /**
     * Assembles text messages from frames with our own size limit: Vert.x drops an oversized fragmented message
     * without closing, and the protocol promises a close with 1009.
     */
    private void onFrame(WebSocketFrame frame) {
        if (frame.isBinary() || (frame.isContinuation() && partialText == null)) {
            if (frame.isFinal()) {
                sendError(null, ErrorCode.BAD_REQUEST, "binary messages are not part of the protocol");
            }
            return;
        }
        if (!frame.isText() && !frame.isContinuation()) {
            return; // ping, pong, close: Vert.x answers those
        }
        if (frame.isText()) {
            partialText = Buffer.buffer();
        }
        if (partialText.length() + frame.binaryData().length() > maxMessageBytes) {
            partialText = null;
            socket.close(CLOSE_MESSAGE_TOO_BIG, "message larger than " + maxMessageBytes + " bytes");
            return;
        }
        partialText.appendBuffer(frame.binaryData());
        if (frame.isFinal()) {
            String text = partialText.toString(StandardCharsets.UTF_8);
            partialText = null;
            try (LogContext ignored = LogContext.open(room == null ? grants.room() : room.name(), participantId(),
                    grants.identity())) {
                onText(text);
            }
        }
    }

    private void onText(String text) {
        if (!rateLimiter.tryAcquire()) {
            sendError(null, ErrorCode.LIMIT_EXCEEDED, "too many messages; slow down");
            socket.close(CLOSE_POLICY_VIOLATION, "message rate exceeded");
            return;
        }
        ClientMessage message;
        try {
            message = Json.MAPPER.readValue(text, ClientMessage.class);
        } catch (InvalidTypeIdException e) {
            sendError(null, ErrorCode.BAD_REQUEST, "unknown or missing message type" + typeOf(e));
            return;
        } catch (UnrecognizedPropertyException e) {
            sendError(null, ErrorCode.BAD_REQUEST, "unknown field '" + e.getPropertyName() + "'");
            return;
        } catch (JsonProcessingException e) {
            sendError(null, ErrorCode.BAD_REQUEST, "malformed message: " + firstLine(e.getOriginalMessage()));
            return;
        }
        if (message == null) { // the text "null"
            sendError(null, ErrorCode.BAD_REQUEST, "a message must be a JSON object with a \"type\"");
            return;
        }
        String requestId = requestId(message);
        try {
            switch (message) {
                case Join join -> onJoin(join);
                case Offer offer -> onOffer(offer);
                case Candidate candidate -> onCandidate(candidate);
                case Leave leave -> onLeave();
                case SetTrackConstraints constraints -> onSetTrackConstraints(constraints);
                case SetLastN lastN -> onSetLastN(lastN);
            }
        } catch (ApiException e) {
            sendError(requestId, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("room={} participant={}: failed to handle {}", roomName(), participantId(),
                    message.getClass().getSimpleName(), e);
            sendError(requestId, ErrorCode.INTERNAL, "internal error");
        }
    }

    private void onJoin(Join join) {
        if (participant != null) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "already joined room " + room.name());
        }
        try { // auth: only the token's room
            grants.checkRoom(join.room());
        } catch (ApiException e) {
            sendError(join.requestId(), e.code(), e.getMessage());
            closed.set(true);
            socket.close(CLOSE_POLICY_VIOLATION, e.code().name());
            return;
        }
        RoomService.JoinedRoom joined = rooms.join(join.room(), join.requestId(), join.displayName(), this);
        room = joined.room();
        participant = joined.participant();
        if (closed.get()) { // the socket closed while joining
            room.leave(participant, LeaveReason.LEFT);
        }
    }

    private void onOffer(Offer offer) {
        requireJoined();
        OfferRights.check(grants, offer); // auth: publish and subscribe rights
        send(room.handleOffer(participant, offer));
    }

    private void onCandidate(Candidate candidate) {
        requireJoined();
        if (candidate.candidate() == null || candidate.candidate().isBlank()) {
            return; // end of candidates
        }
        IceCandidate parsed;
        try {
            parsed = IceCandidate.parse(candidate.candidate());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        room.addRemoteCandidate(participant, parsed);
    }

    private void onSetTrackConstraints(SetTrackConstraints constraints) {
        requireJoined();
        room.setTrackConstraints(participant, constraints);
    }

    private void onSetLastN(SetLastN request) {
        requireJoined();
        room.setLastN(participant, request.lastN());
    }

    private void onLeave() {
        if (participant == null) {
            close();
            return;
        }
        room.leave(participant, LeaveReason.LEFT);
    }

    private void requireJoined() {
        if (participant == null) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "send join first");
        }
    }

    private void onClosed() {
        closed.set(true);
        Participant current = participant;
        if (current != null) {
            room.leave(current, LeaveReason.LEFT);
        }
    }

    @Override
    public void send(ServerMessage message) {
        if (!closed.get()) {
            socket.writeTextMessage(Json.encode(message));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            socket.close();
        }
    }

    private void sendError(String requestId, ErrorCode code, String text) {
        send(new ErrorMessage(requestId, code, text));
    }

    private String roomName() {
        return room == null ? "-" : room.name();
    }

    private String participantId() {
        return participant == null ? "-" : participant.id();
    }

    private static String requestId(ClientMessage message) {
        return switch (message) {
            case Join join -> join.requestId();
            case Offer offer -> offer.requestId();
            default -> null;
        };
    }

    private static String typeOf(InvalidTypeIdException e) {
        return e.getTypeId() == null ? "" : " '" + e.getTypeId() + "'";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "not valid JSON";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
