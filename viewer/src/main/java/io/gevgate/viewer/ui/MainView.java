package io.gevgate.viewer.ui;

import io.gevgate.viewer.device.DeviceSession;
import io.gevgate.viewer.devices.DeviceRow;
import io.gevgate.viewer.devices.DevicesPanel;
import io.gevgate.viewer.features.FeaturesPanel;
import io.gevgate.viewer.live.LivePanel;
import io.gevgate.viewer.subscribers.SubscribersPanel;
import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The window's content: Devices, Features, Live view and Subscribers tabs, a header with the open
 * device and the theme switch, a status line. Owns the device session; opening and closing run on
 * the device thread.
 */
public final class MainView implements AutoCloseable {
    private final Background background = new Background();
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final DevicesPanel devices;
    private final FeaturesPanel features;
    private final LivePanel live;
    private final SubscribersPanel subscribers;
    private final Label deviceLabel = new Label("no device open");
    private final Label statusLine = new Label("ready");
    private final ToggleButton dark = new ToggleButton();
    private Scene scene;
    private Theme theme;
    private DeviceSession session;
    private DeviceRow openRow;

    public MainView(Theme theme) {
        this(theme, null);
    }

    /** {@code cuframesRuntimeDir} null means $CUFRAMES_RUNTIME_DIR or /run/cuframes. */
    public MainView(Theme theme, Path cuframesRuntimeDir) {
        this.theme = theme;
        devices = new DevicesPanel(background, this::status);
        features = new FeaturesPanel(background);
        live = new LivePanel(background);
        subscribers = new SubscribersPanel(background, cuframesRuntimeDir);
        devices.setActions(new DevicesPanel.Actions() {
            @Override
            public void open(DeviceRow row) {
                openDevice(row);
            }

            @Override
            public void close() {
                closeDevice();
            }
        });
        tabs.getTabs().addAll(tab("Devices", "tab-devices", devices.root()), tab("Features", "tab-features", features.root()),
                tab("Live view", "tab-live", live.root()), tab("Subscribers", "tab-subscribers", subscribers.root()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("tabs");

        Label title = new Label("gevgate viewer");
        title.getStyleClass().add("app-title");
        deviceLabel.setId("device-label");
        deviceLabel.getStyleClass().add("device-label");
        dark.setId("theme-toggle");
        dark.setSelected(theme == Theme.DARK);
        dark.setText(theme == Theme.DARK ? "Light theme" : "Dark theme");
        dark.setOnAction(e -> setTheme(dark.isSelected() ? Theme.DARK : Theme.LIGHT));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(12, title, deviceLabel, gap, dark);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("app-header");
        statusLine.setId("status-line");
        HBox footer = new HBox(statusLine);
        footer.getStyleClass().add("status-bar");
        root.setTop(header);
        root.setCenter(tabs);
        root.setBottom(footer);
        root.getStyleClass().add("app-root");
    }

    private static Tab tab(String title, String id, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    public BorderPane root() {
        return root;
    }

    /** Puts the theme's stylesheet on the scene. */
    public void attach(Scene s) {
        this.scene = s;
        setTheme(theme);
    }

    public void setTheme(Theme t) {
        theme = t;
        dark.setSelected(t == Theme.DARK);
        dark.setText(t == Theme.DARK ? "Light theme" : "Dark theme");
        if (scene != null) {
            scene.getStylesheets().setAll(t.stylesheetUrl());
        }
    }

    public Theme theme() {
        return theme;
    }

    public TabPane tabs() {
        return tabs;
    }

    public DevicesPanel devices() {
        return devices;
    }

    public FeaturesPanel features() {
        return features;
    }

    public LivePanel live() {
        return live;
    }

    public SubscribersPanel subscribers() {
        return subscribers;
    }

    public DeviceSession session() {
        return session;
    }

    private void status(String text) {
        statusLine.setText(text);
    }

    private void openDevice(DeviceRow row) {
        if (session != null) {
            closeDevice();
        }
        var address = row.info().source().getAddress();
        status("Opening " + row.address() + "…");
        devices.showMessage("Opening " + row.address() + " (taking control, reading the GenICam XML)…", false);
        background.device(() -> DeviceSession.open(address), s -> {
            session = s;
            openRow = row;
            deviceLabel.setText(s.info().manufacturer() + " " + s.info().model() + " · " + row.address());
            devices.opened(row, true);
            devices.showMessage("Opened " + row.address(), false);
            // heartbeat thread: control lost or device gone; tell the user instead of failing silently later
            s.camera().onControlEvent(ev -> javafx.application.Platform.runLater(() -> {
                if (session == s) {
                    devices.showMessage("Control of " + row.address() + ": " + ev.type() + " (" + ev.detail() + ")", true);
                    status("Control event: " + ev.type());
                }
            }));
            features.setSession(s);
            live.setSession(s);
            status("Opened " + row.address() + ": " + s.features().names().size() + " nodes");
        }, e -> {
            devices.showMessage("Open " + row.address() + " failed: " + e, true);
            status("Open failed");
        });
    }

    private void closeDevice() {
        DeviceSession s = session;
        if (s == null) {
            return;
        }
        session = null;
        live.setSession(null);
        features.setSession(null);
        DeviceRow row = openRow;
        openRow = null;
        deviceLabel.setText("no device open");
        background.device(() -> {
            s.close();
            return null;
        }, v -> {
            devices.opened(row, false);
            devices.showMessage("Closed " + (row == null ? "" : row.address()), false);
            status("Closed");
        }, e -> devices.showMessage("Close: " + e, true));
    }

    @Override
    public void close() {
        live.stop();
        features.stop();
        subscribers.stop();
        DeviceSession s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // shutting down
            }
        }
        background.close();
    }
}
