package org.opensfu.loadgen.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Janus session over its WebSocket transport (subprotocol {@code janus-protocol}; the Janus API of
 * janus.c / janus_websockets.c): {@code create} a session, {@code attach} plugin handles, send plugin
 * {@code message}s (with JSEP) and {@code trickle}, and keep the session alive. Every request carries a transaction
 * id: the synchronous reply ({@code success}, {@code ack} or {@code error}) completes {@link #request}; a plugin
 * message's asynchronous {@code event} with the same transaction completes the future {@link #message} returns.
 * Events without a pending transaction (other participants publishing, renegotiation offers, {@code webrtcup},
 * {@code hangup}) go to the handler registered for their handle.
 */
public final class JanusConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JanusConnection.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBPROTOCOL = "janus-protocol";
    /** Janus drops a session after session_timeout (60 s by default) without a request. */
    private static final long KEEPALIVE_SECONDS = 20;

    private final Duration timeout;
    private final AtomicLong transactions = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> events = new ConcurrentHashMap<>();
    private final Map<Long, Consumer<JsonNode>> handleListeners = new ConcurrentHashMap<>();
    private TextWebSocket socket;
    private long sessionId;
    private volatile boolean closed;

    private JanusConnection(Duration timeout) {
        this.timeout = timeout;
    }

    /** Connects and creates a session. */
    public static JanusConnection open(HttpClient http, URI uri, Duration timeout) throws Exception {
        JanusConnection connection = new JanusConnection(timeout);
        connection.socket = TextWebSocket.connect(http, uri, SUBPROTOCOL, timeout, connection::onMessage);
        JsonNode created = connection.request(connection.body("create"));
        connection.sessionId = created.path("data").path("id").asLong();
        Thread.ofVirtual().name("janus-keepalive-" + connection.sessionId).start(connection::keepAlive);
        return connection;
    }

    public long sessionId() {
        return sessionId;
    }

    /** Attaches a handle to {@code plugin}; events for it that nobody waits for go to {@code listener}. */
    public long attach(String plugin, Consumer<JsonNode> listener) throws Exception {
        ObjectNode attach = body("attach").put("plugin", plugin);
        long handleId = request(attach).path("data").path("id").asLong();
        handleListeners.put(handleId, listener);
        return handleId;
    }

    /**
     * Sends a plugin message (with a JSEP offer or answer if {@code jsep} is not null). The future completes with the
     * plugin's event for it (its {@code plugindata.data} and {@code jsep}), or fails on an error reply or event.
     */
    public CompletableFuture<JsonNode> message(long handleId, ObjectNode message, ObjectNode jsep) {
        ObjectNode body = body("message").put("handle_id", handleId);
        body.set("body", message);
        if (jsep != null) {
            body.set("jsep", jsep);
        }
        String transaction = body.path("transaction").asText();
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        events.put(transaction, event);
        CompletableFuture<JsonNode> reply = send(body);
        reply.whenComplete((r, e) -> {
            if (e != null) {
                event.completeExceptionally(e);
            } else if ("success".equals(r.path("janus").asText())) {
                event.complete(r); // synchronous plugin answer (e.g. "create")
            }
        });
        return event.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> events.remove(transaction));
    }

    /** Tells Janus our candidates are all in the SDP. */
    public void trickleCompleted(long handleId) {
        ObjectNode body = body("trickle").put("handle_id", handleId);
        body.putObject("candidate").put("completed", true);
        send(body);
    }

    /** A JSEP object for an SDP of this type ("offer" or "answer"). */
    public static ObjectNode jsep(String type, String sdp) {
        return JSON.createObjectNode().put("type", type).put("sdp", sdp);
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Sends a request and waits for its synchronous reply. */
    JsonNode request(ObjectNode body) throws Exception {
        return send(body).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<JsonNode> send(ObjectNode body) {
        String transaction = body.path("transaction").asText();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(transaction, reply);
        try {
            socket.send(JSON.writeValueAsString(body));
        } catch (Exception e) {
            replies.remove(transaction);
            reply.completeExceptionally(e);
        }
        return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> replies.remove(transaction));
    }

    private ObjectNode body(String janus) {
        ObjectNode body = JSON.createObjectNode().put("janus", janus)
                .put("transaction", Long.toString(transactions.incrementAndGet()));
        if (sessionId != 0) {
            body.put("session_id", sessionId);
        }
        return body;
    }

    private void onMessage(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            String kind = message.path("janus").asText();
            String transaction = message.path("transaction").asText(null);
            switch (kind) {
                case "success", "ack" -> complete(replies, transaction, message, null);
                case "error" -> {
                    IllegalStateException error = new IllegalStateException("Janus error "
                            + message.path("error").path("code").asInt() + ": "
                            + message.path("error").path("reason").asText());
                    complete(replies, transaction, null, error);
                    complete(events, transaction, null, error);
                }
                case "event" -> {
                    JsonNode data = message.path("plugindata").path("data");
                    if (data.has("error_code")) {
                        complete(events, transaction, null, new IllegalStateException("VideoRoom error "
                                + data.path("error_code").asInt() + ": " + data.path("error").asText()));
                    } else if (transaction == null || !complete(events, transaction, message, null)) {
                        dispatch(message);
                    }
                }
                default -> dispatch(message); // webrtcup, media, hangup, slowlink, trickle, detached, timeout
            }
        } catch (Exception e) {
            LOG.warn("cannot handle a Janus message: {}", e.toString());
        }
    }

    private static boolean complete(Map<String, CompletableFuture<JsonNode>> pending, String transaction,
                                    JsonNode value, Throwable error) {
        CompletableFuture<JsonNode> future = transaction == null ? null : pending.get(transaction);
        if (future == null) {
            return false;
        }
        if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(value);
        }
        return true;
    }

    private void dispatch(JsonNode message) {
        Consumer<JsonNode> listener = handleListeners.get(message.path("sender").asLong());
        if (listener != null) {
            listener.accept(message);
        }
    }

    private void keepAlive() {
        while (!closed && socket.isOpen()) {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(KEEPALIVE_SECONDS));
                if (!closed) {
                    send(body("keepalive"));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Destroys the session (Janus hangs up its peer connections) and closes the socket. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (socket != null) {
            if (sessionId != 0 && socket.isOpen()) {
                send(body("destroy"));
            }
            socket.close();
        }
    }
}
