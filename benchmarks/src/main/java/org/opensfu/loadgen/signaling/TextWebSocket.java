package org.opensfu.loadgen.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A text WebSocket client on the JDK's {@link java.net.http.WebSocket}: whole messages are delivered to a handler one
 * at a time, in order (on the client's thread: handlers must not block); sends may come from any thread and go out
 * in call order. Used for both signaling protocols (OpenSFU's JSON messages, Janus' {@code janus-protocol}).
 */
public final class TextWebSocket implements AutoCloseable {
    private final WebSocket socket;
    private final CompletableFuture<String> closed;
    private final Object sendLock = new Object();
    private CompletableFuture<WebSocket> lastSend;

    private TextWebSocket(WebSocket socket, CompletableFuture<String> closed) {
        this.socket = socket;
        this.closed = closed;
        this.lastSend = CompletableFuture.completedFuture(socket);
    }

    /**
     * Opens the connection.
     *
     * @param subprotocol the {@code Sec-WebSocket-Protocol} to ask for, or null
     * @param onMessage   called with each complete text message
     */
    public static TextWebSocket connect(HttpClient client, URI uri, String subprotocol, Duration timeout,
                                        Consumer<String> onMessage) throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        WebSocket socket = builder.buildAsync(uri, new Listener(onMessage, closed))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new TextWebSocket(socket, closed);
    }

    /** Queues a text message; the future completes when it was written. */
    public CompletableFuture<WebSocket> send(String text) {
        synchronized (sendLock) {
            lastSend = lastSend.exceptionally(e -> socket).thenCompose(ws -> ws.sendText(text, true));
            return lastSend;
        }
    }

    /** Completes with the close reason when the connection is closed (by either side, or failed). */
    public CompletableFuture<String> closedFuture() {
        return closed;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Sends a normal close and drops the connection. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            synchronized (sendLock) {
                lastSend.exceptionally(e -> socket).thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                        .orTimeout(2, TimeUnit.SECONDS)
                        .whenComplete((ws, e) -> socket.abort());
            }
        }
        closed.complete("closed locally");
    }

    private static final class Listener implements WebSocket.Listener {
        private final Consumer<String> onMessage;
        private final CompletableFuture<String> closed;
        private final StringBuilder partial = new StringBuilder();

        Listener(Consumer<String> onMessage, CompletableFuture<String> closed) {
            this.onMessage = onMessage;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                onMessage.accept(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error: " + error);
        }
    }
}
