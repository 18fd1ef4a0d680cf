package io.gevgate.viewer;

import static io.gevgate.viewer.ViewerEndToEndTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.bridge.cuframes.CuframesDirectory;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.PixelFormat;
import io.gevgate.bridge.cuframes.PublisherConfig;
import io.gevgate.bridge.memory.SlotMemoryKind;
import io.gevgate.viewer.image.ArgbImage;
import io.gevgate.viewer.ui.MainView;
import io.gevgate.viewer.ui.Theme;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Subscribers panel: a Java cuframes publisher (memfd, RGB8) started by the test shows up in the
 * list with its publisher alive; the preview subscribes and shows its pixels exactly; the list then
 * counts that subscriber; stopping the preview detaches it.
 */
@ExtendWith(ApplicationExtension.class)
class CuframesPreviewUiTest {
    private static final int W = 96;
    private static final int H = 64;

    private final String key = "gvview" + ProcessHandle.current().pid();
    private Path runtimeDir;
    private MainView view;
    private CuframesPublisher publisher;
    private Thread pacer;
    private final AtomicBoolean running = new AtomicBoolean(true);

    @Start
    void start(Stage stage) throws Exception {
        runtimeDir = Files.createTempDirectory("viewer-cuframes");
        publisher = CuframesPublisher.create(PublisherConfig.builder(key, PixelFormat.RGB8, W, H)
                .memory(SlotMemoryKind.MEMFD).runtimeDir(runtimeDir).shutdownHook(false).ringSize(4).build());
        pacer = Thread.ofPlatform().daemon().name("test-publisher").start(this::publishLoop);
        view = new MainView(Theme.LIGHT, runtimeDir);
        Scene scene = new Scene(view.root(), 1100, 700);
        view.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** Frame n: pixel (x, y) = (x + n, y, (x ^ y) & 0xFF), so a reader can check every byte. */
    private void publishLoop() {
        long n = 0;
        int pitch = publisher.geometry().pitchY();
        while (running.get() && n < 10_000) {
            MemorySegment slot = publisher.acquire().host();
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    long o = (long) y * pitch + 3L * x;
                    slot.set(ValueLayout.JAVA_BYTE, o, (byte) (x + n));
                    slot.set(ValueLayout.JAVA_BYTE, o + 1, (byte) y);
                    slot.set(ValueLayout.JAVA_BYTE, o + 2, (byte) (x ^ y));
                }
            }
            publisher.publish(n);
            n++;
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.close()).get(10, TimeUnit.SECONDS);
        running.set(false);
        pacer.join(2000);
        publisher.close();
        Files.deleteIfExists(Path.of("/dev/shm/cuframes-" + key));
        try (var s = Files.list(runtimeDir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(runtimeDir);
    }

    @Test
    void listsThePublisherAndPreviewsItsPixels(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.tabs().getSelectionModel().select(3)).get(30, TimeUnit.SECONDS);
        robot.clickOn("#cuframes-refresh");
        waitUntil("key listed", () -> entry() != null);
        assertThat(entry().alive()).isTrue();
        assertThat(entry().subscribers()).isEmpty();
        WaitForAsyncUtils.asyncFx(() -> view.subscribers().table().getSelectionModel().select(entry())).get(30, TimeUnit.SECONDS);
        robot.clickOn("#cuframes-preview");
        waitUntil("preview image", () -> view.subscribers().preview().shown() != null);
        ArgbImage img = view.subscribers().preview().shown();
        assertThat(img.width()).isEqualTo(W);
        assertThat(img.height()).isEqualTo(H);
        long n = img.sequence();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int expected = 0xFF00_0000 | ((int) ((x + n) & 0xFF)) << 16 | y << 8 | ((x ^ y) & 0xFF);
                assertThat(img.pixel(x, y)).as("pixel %d,%d of frame %d", x, y, n).isEqualTo(expected);
            }
        }
        robot.clickOn("#cuframes-refresh");
        waitUntil("subscriber counted", () -> entry() != null && entry().subscribers().size() == 1);
        assertThat(entry().subscribers().getFirst()).contains("gevgate-viewer");
        robot.clickOn("#cuframes-stop");
        waitUntil("subscriber gone", () -> publisher.subscriberCount() == 0);
    }

    private CuframesDirectory.Entry entry() {
        return view.subscribers().table().getItems().stream().filter(e -> e.key().equals(key)).findFirst().orElse(null);
    }
}
