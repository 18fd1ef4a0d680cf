package io.gevgate.viewer.live;

import io.gevgate.viewer.device.DeviceSession;
import io.gevgate.viewer.device.LiveStream;
import io.gevgate.viewer.device.StreamStats;
import io.gevgate.viewer.image.ArgbImage;
import io.gevgate.viewer.image.LatestFrameSlot;
import io.gevgate.viewer.image.PngFiles;
import io.gevgate.viewer.ui.Background;
import io.gevgate.viewer.ui.PreviewPane;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/**
 * Live view: start/stop acquisition, software trigger, snapshot to PNG, the preview with zoom, pan,
 * pixel readout and histogram, and fps / MB/s / resends / drops twice a second.
 */
public final class LivePanel {
    private final Background background;
    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final PreviewPane preview = new PreviewPane(slot, "live");
    private final BorderPane root = new BorderPane();
    private final Button start = new Button("Start");
    private final Button stop = new Button("Stop");
    private final Button trigger = new Button("Software trigger");
    private final Button snapshot = new Button("Snapshot…");
    private final Label stats = new Label("stopped");
    private final Label message = new Label();
    private final Timeline statsTimer = new Timeline(new KeyFrame(Duration.millis(500), e -> updateStats()));
    private DeviceSession session;
    private volatile LiveStream stream;
    private StreamStats previous = StreamStats.ZERO;

    public LivePanel(Background background) {
        this.background = background;
        start.setId("live-start");
        stop.setId("live-stop");
        trigger.setId("live-trigger");
        snapshot.setId("live-snapshot");
        stats.setId("live-stats");
        stats.getStyleClass().add("mono");
        message.setId("live-message");
        message.getStyleClass().add("message");
        start.setOnAction(e -> startStream());
        stop.setOnAction(e -> stopStream());
        trigger.setOnAction(e -> softwareTrigger());
        snapshot.setOnAction(e -> chooseSnapshot());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, start, stop, trigger, snapshot, gap, stats);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar-row");
        root.setTop(bar);
        root.setCenter(preview.root());
        root.setBottom(message);
        root.setPadding(new Insets(8));
        BorderPane.setMargin(preview.root(), new Insets(8, 0, 8, 0));
        statsTimer.setCycleCount(Timeline.INDEFINITE);
        setSession(null);
    }

    public BorderPane root() {
        return root;
    }

    public PreviewPane preview() {
        return preview;
    }

    public boolean streaming() {
        return stream != null;
    }

    public void setSession(DeviceSession s) {
        if (s == null && stream != null) {
            LiveStream old = stream;
            stream = null;
            background.device(() -> {
                old.close();
                return null;
            }, v -> { }, e -> { });
        }
        session = s;
        enable();
        message.setText(s == null ? "No device open: open one in Devices." : "");
    }

    private void enable() {
        boolean open = session != null;
        start.setDisable(!open || stream != null);
        stop.setDisable(stream == null);
        trigger.setDisable(!open);
        snapshot.setDisable(preview.shown() == null && stream == null);
    }

    private void startStream() {
        DeviceSession s = session;
        if (s == null) {
            return;
        }
        start.setDisable(true);
        message.setText("Starting…");
        background.device(() -> LiveStream.start(s, slot), st -> {
            stream = st;
            previous = st.stats();
            statsTimer.play();
            message.setText("Streaming from " + s.info().model());
            enable();
        }, e -> {
            message.setText("Start failed: " + e);
            enable();
        });
    }

    private void stopStream() {
        LiveStream st = stream;
        if (st == null) {
            return;
        }
        stream = null;
        statsTimer.stop();
        background.device(() -> {
            st.close();
            return null;
        }, v -> {
            stats.setText("stopped");
            message.setText("Stopped");
            enable();
        }, e -> {
            message.setText("Stop: " + e);
            enable();
        });
        enable();
    }

    private void softwareTrigger() {
        DeviceSession s = session;
        if (s == null) {
            return;
        }
        background.device(() -> {
            s.features().execute("TriggerSoftware");
            return null;
        }, v -> message.setText("Software trigger sent"), e -> message.setText("Trigger failed: " + e));
    }

    private void updateStats() {
        LiveStream st = stream;
        if (st == null) {
            return;
        }
        StreamStats now = st.stats();
        stats.setText(String.format(Locale.ROOT, "%.1f fps   %.1f MB/s   %d frames   %d resends   %d drops   %d not drawn",
                now.fpsSince(previous), now.megabytesPerSecondSince(previous), now.frames(), now.resends(), now.drops(),
                st.displaySkipped()));
        previous = now;
        if (st.lastError() != null) {
            message.setText("Conversion: " + st.lastError());
        }
        snapshot.setDisable(preview.shown() == null);
    }

    private void chooseSnapshot() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save snapshot");
        fc.setInitialFileName("snapshot-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        var file = fc.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            snapshotTo(file.toPath());
        }
    }

    /** Writes the image on screen now as PNG (full resolution, not the zoomed view). */
    public void snapshotTo(Path file) {
        ArgbImage img = preview.shown();
        if (img == null) {
            message.setText("Nothing to save yet");
            return;
        }
        background.misc(() -> {
            PngFiles.write(img, file);
            return file;
        }, f -> message.setText("Saved " + f), e -> message.setText("Snapshot failed: " + e));
    }

    public void stop() {
        statsTimer.stop();
        preview.stop();
        LiveStream st = stream;
        stream = null;
        if (st != null) {
            try {
                st.close();
            } catch (RuntimeException ignored) {
                // shutting down: the device may be gone
            }
        }
    }
}
