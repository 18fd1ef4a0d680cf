package io.gevgate.viewer;

import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.PixelFormat;
import io.gevgate.bridge.cuframes.PublisherConfig;
import io.gevgate.bridge.memory.SlotMemoryKind;
import io.gevgate.viewer.image.PngFiles;
import io.gevgate.viewer.ui.MainView;
import io.gevgate.viewer.ui.Theme;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/**
 * Drives the real viewer window (scripts/viewer-screenshots.sh runs it under Xvfb) against the
 * streaming simulator and a cuframes publisher, and saves a PNG of each panel: what the window shows,
 * rendered by JavaFX (scene snapshot), into the directory given as the first argument.
 */
public final class ScreenshotTour {
    private static final String SIM_IP = "127.0.0.170";

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(out);
        Path runtimeDir = Files.createTempDirectory("viewer-tour");
        String key = "viewer-demo-rgb";
        AtomicBoolean running = new AtomicBoolean(true);
        try (StreamingSimulator sim = StreamingSimulator.start(SIM_IP, 10);
             CuframesPublisher pub = CuframesPublisher.create(PublisherConfig.builder(key, PixelFormat.RGB8, 480, 270)
                     .memory(SlotMemoryKind.MEMFD).runtimeDir(runtimeDir).shutdownHook(false).ringSize(4).build())) {
            Thread pacer = Thread.ofPlatform().daemon().start(() -> publish(pub, running));
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(20, TimeUnit.SECONDS);
            MainView view = fx(() -> new MainView(Theme.DARK, runtimeDir));
            Stage stage = fx(() -> {
                Stage s = new Stage();
                Scene scene = new Scene(view.root(), 1280, 800);
                view.attach(scene);
                s.setScene(scene);
                s.setTitle("gevgate viewer");
                s.show();
                return s;
            });
            // Devices: unicast discovery of the simulator, then open it
            fx(() -> {
                view.devices().addressField().setText(SIM_IP);
                ((Button) view.root().lookup("#discover-unicast")).fire();
                return null;
            });
            waitFor("discovery", () -> fx(() -> !view.devices().table().getItems().isEmpty()));
            fx(() -> {
                view.devices().table().getSelectionModel().select(0);
                return null;
            });
            shot(stage, out.resolve("viewer-devices.png"));
            fx(() -> {
                ((Button) view.root().lookup("#open")).fire();
                return null;
            });
            waitFor("open", () -> fx(() -> view.features().item("ExposureTime") != null
                    && view.features().item("ExposureTime").last() != null));
            fx(() -> {
                view.tabs().getSelectionModel().select(1);
                return null;
            });
            Thread.sleep(800);
            shot(stage, out.resolve("viewer-features-dark.png"));
            fx(() -> {
                view.setTheme(Theme.LIGHT);
                view.features().searchField().setText("Exposure");
                return null;
            });
            Thread.sleep(800);
            shot(stage, out.resolve("viewer-features-light-search.png"));
            fx(() -> {
                view.features().searchField().setText("");
                view.setTheme(Theme.DARK);
                view.tabs().getSelectionModel().select(2);
                ((Button) view.root().lookup("#live-start")).fire();
                return null;
            });
            waitFor("frames", () -> fx(() -> view.live().preview().shownCount() > 5));
            Thread.sleep(1500);
            fx(() -> {
                view.live().preview().showPixelAt(212, 140);
                return null;
            });
            shot(stage, out.resolve("viewer-live.png"));
            fx(() -> {
                ((Button) view.root().lookup("#live-stop")).fire();
                view.tabs().getSelectionModel().select(3);
                view.subscribers().refresh();
                return null;
            });
            waitFor("cuframes key", () -> fx(() -> view.subscribers().table().getItems().stream().anyMatch(e -> e.key().equals(key))));
            fx(() -> {
                view.subscribers().table().getSelectionModel().select(
                        view.subscribers().table().getItems().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow());
                view.subscribers().watch(key);
                return null;
            });
            waitFor("cuframes preview", () -> fx(() -> view.subscribers().preview().shownCount() > 5));
            fx(() -> {
                view.subscribers().refresh();
                return null;
            });
            Thread.sleep(1500);
            fx(() -> {
                view.subscribers().preview().showPixelAt(100, 60);
                return null;
            });
            shot(stage, out.resolve("viewer-subscribers.png"));
            fx(() -> {
                view.close();
                stage.close();
                return null;
            });
            running.set(false);
            pacer.join(2000);
        } finally {
            Files.deleteIfExists(Path.of("/dev/shm/cuframes-" + key));
            try (var s = Files.list(runtimeDir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(runtimeDir);
            Platform.exit();
        }
        System.out.println("screenshots written to " + out.toAbsolutePath());
    }

    /** A moving colour gradient, so the Subscribers preview shows something recognisable. */
    private static void publish(CuframesPublisher pub, AtomicBoolean running) {
        int w = pub.geometry().width();
        int h = pub.geometry().height();
        int pitch = pub.geometry().pitchY();
        for (long n = 0; running.get() && n < 100_000; n++) {
            MemorySegment s = pub.acquire().host();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    long o = (long) y * pitch + 3L * x;
                    s.set(ValueLayout.JAVA_BYTE, o, (byte) ((x + n * 4) * 255 / w));
                    s.set(ValueLayout.JAVA_BYTE, o + 1, (byte) (y * 255 / h));
                    s.set(ValueLayout.JAVA_BYTE, o + 2, (byte) (((x / 30 + y / 30) & 1) * 160 + 60));
                }
            }
            pub.publish(n);
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void shot(Stage stage, Path file) throws Exception {
        int[][] holder = new int[1][];
        int[] size = new int[2];
        fx(() -> {
            WritableImage img = stage.getScene().snapshot(null);
            size[0] = (int) img.getWidth();
            size[1] = (int) img.getHeight();
            holder[0] = new int[size[0] * size[1]];
            img.getPixelReader().getPixels(0, 0, size[0], size[1], javafx.scene.image.PixelFormat.getIntArgbInstance(),
                    holder[0], 0, size[0]);
            return null;
        });
        PngFiles.write(holder[0], size[0], size[1], file);
        System.out.println("wrote " + file);
    }

    private static <T> T fx(Supplier<T> job) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(job.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(String what, BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
