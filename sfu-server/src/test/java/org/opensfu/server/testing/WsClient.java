package org.opensfu.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A signaling WebSocket client for tests: sends raw text, collects every message as JSON. */
public final class WsClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    public WsClient(int httpPort) throws Exception {
        this("ws://127.0.0.1:" + httpPort + "/ws");
    }

    /** Connects to a full URL, e.g. with {@code ?access_token=...}. */
    public WsClient(String url) throws Exception {
        StringBuilder partial = new StringBuilder();
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(MAPPER.readTree(partial.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closeCode.complete(-1);
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message, or fails after {@code timeout}. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return message;
    }

    /** The next message of the given type, skipping others. */
    public JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = received.poll(50, TimeUnit.MILLISECONDS);
            if (message != null && type.equals(message.path("type").asText())) {
                return message;
            }
        }
        throw new AssertionError("no '" + type + "' message within " + timeout);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
