package org.opensfu.core.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opensfu.core.loop.MediaLoop;

/** Runs code on a media loop's thread and waits for its result (tests only). */
public final class OnLoop {
    private OnLoop() {
    }

    public static <T> T call(MediaLoop loop, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void run(MediaLoop loop, Runnable task) {
        call(loop, () -> {
            task.run();
            return null;
        });
    }
}
