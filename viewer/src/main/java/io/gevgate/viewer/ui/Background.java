package io.gevgate.viewer.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Where the UI sends network work. One thread for device I/O keeps GVCP requests in the order the
 * user made them (a write, then the read-back); a second one for discovery and cuframes listing so a
 * slow discovery never delays a feature write. Results come back on the FX thread.
 */
public final class Background implements AutoCloseable {
    private final ExecutorService device = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .daemon().name("viewer-device-io").factory());
    private final ExecutorService misc = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .daemon().name("viewer-background").factory());

    /** Device I/O: runs {@code job} in order with other device jobs, then {@code onFx} or {@code onError} on the FX thread. */
    public <T> CompletableFuture<T> device(Callable<T> job, Consumer<T> onFx, Consumer<String> onError) {
        return run(device, job, onFx, onError);
    }

    /** Discovery, directory listings: anything that must not wait behind device I/O. */
    public <T> CompletableFuture<T> misc(Callable<T> job, Consumer<T> onFx, Consumer<String> onError) {
        return run(misc, job, onFx, onError);
    }

    private static <T> CompletableFuture<T> run(ExecutorService ex, Callable<T> job, Consumer<T> onFx,
                                                Consumer<String> onError) {
        CompletableFuture<T> f = new CompletableFuture<>();
        ex.execute(() -> {
            try {
                f.complete(job.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        f.whenComplete((v, e) -> Platform.runLater(() -> {
            if (e != null) {
                onError.accept(Errors.oneLine(e));
            } else {
                onFx.accept(v);
            }
        }));
        return f;
    }

    @Override
    public void close() {
        device.shutdown();
        misc.shutdown();
        try {
            device.awaitTermination(3, TimeUnit.SECONDS);
            misc.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
