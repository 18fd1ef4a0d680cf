package io.gevgate.viewer.subscribers;

import io.gevgate.bridge.cuframes.CuframesDirectory;
import io.gevgate.bridge.cuframes.RuntimeDirectory;
import io.gevgate.viewer.image.LatestFrameSlot;
import io.gevgate.viewer.ui.Background;
import io.gevgate.viewer.ui.PreviewPane;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * Subscribers: the cuframes keys on this host (publisher alive, subscribers) refreshed every 2 s,
 * and a live preview of the selected key as a NEWEST_ONLY subscriber sees it.
 */
public final class SubscribersPanel {
    private final Background background;
    private final Path runtimeDir;
    private final BorderPane root = new BorderPane();
    private final ObservableList<CuframesDirectory.Entry> rows = FXCollections.observableArrayList();
    private final TableView<CuframesDirectory.Entry> table = new TableView<>(rows);
    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final PreviewPane preview = new PreviewPane(slot, "cuframes");
    private final Label message = new Label();
    private final Timeline refresher = new Timeline(new KeyFrame(Duration.seconds(2), e -> refresh()));
    private CuframesPreview watching;
    private boolean listing;

    public SubscribersPanel(Background background, Path runtimeDir) {
        this.background = background;
        this.runtimeDir = RuntimeDirectory.resolve(runtimeDir);
        table.setId("cuframes-table");
        table.setPlaceholder(new Label("No cuframes publishers on this host (/dev/shm/cuframes-*)."));
        table.getColumns().add(col("Key", CuframesDirectory.Entry::key, 200));
        table.getColumns().add(col("Publisher", e -> e.pid() + (e.alive() ? " alive" : " dead") + (e.shutdown() ? " (shut down)" : ""), 130));
        table.getColumns().add(col("Subscribers", e -> e.problem() != null ? "—" : String.valueOf(e.subscribers().size()), 90));
        table.getColumns().add(col("Format", CuframesDirectory.Entry::geometry, 140));
        table.getColumns().add(col("Ring", e -> String.valueOf(e.ringSize()), 60));
        table.getColumns().add(col("Frames", e -> e.globalSeq() < 0 ? "—" : String.valueOf(e.globalSeq() + 1), 80));
        table.getColumns().add(col("Names", e -> e.problem() != null ? e.problem() : String.join(", ", e.subscribers()), 220));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button refresh = new Button("Refresh");
        refresh.setId("cuframes-refresh");
        refresh.setOnAction(e -> refresh());
        Button watch = new Button("Preview");
        watch.setId("cuframes-preview");
        watch.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        watch.setOnAction(e -> {
            var sel = table.getSelectionModel().getSelectedItem();
            if (sel != null) {
                watch(sel.key());
            }
        });
        Button stop = new Button("Stop preview");
        stop.setId("cuframes-stop");
        stop.setOnAction(e -> stopWatching());
        message.setId("cuframes-message");
        message.getStyleClass().add("message");
        HBox bar = new HBox(8, refresh, watch, stop, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar-row");
        SplitPane split = new SplitPane(table, preview.root());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        root.setTop(bar);
        root.setCenter(split);
        root.setPadding(new Insets(8));
        BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
        refresher.setCycleCount(Timeline.INDEFINITE);
        refresher.play();
        refresh();
    }

    public BorderPane root() {
        return root;
    }

    public TableView<CuframesDirectory.Entry> table() {
        return table;
    }

    public PreviewPane preview() {
        return preview;
    }

    private static TableColumn<CuframesDirectory.Entry, String> col(String title,
            Function<CuframesDirectory.Entry, String> f, double width) {
        TableColumn<CuframesDirectory.Entry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public void refresh() {
        if (listing) {
            return;
        }
        listing = true;
        background.misc(() -> CuframesDirectory.list(runtimeDir), (List<CuframesDirectory.Entry> list) -> {
            listing = false;
            var sel = table.getSelectionModel().getSelectedItem();
            rows.setAll(list);
            if (sel != null) {
                rows.stream().filter(r -> r.key().equals(sel.key())).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }
            if (watching != null) {
                message.setText(watching.status() + " · " + watching.frames() + " frames");
            }
        }, e -> {
            listing = false;
            message.setText("Listing failed: " + e);
        });
    }

    /** Starts previewing {@code key} (stops the previous preview first). */
    public void watch(String key) {
        stopWatching();
        watching = CuframesPreview.start(key, runtimeDir, slot);
        message.setText("Previewing " + key);
    }

    public void stopWatching() {
        CuframesPreview w = watching;
        watching = null;
        if (w != null) {
            background.misc(() -> {
                w.close();
                return null;
            }, v -> message.setText("Preview stopped"), e -> { });
        }
    }

    public void stop() {
        refresher.stop();
        preview.stop();
        if (watching != null) {
            watching.close();
            watching = null;
        }
    }
}
