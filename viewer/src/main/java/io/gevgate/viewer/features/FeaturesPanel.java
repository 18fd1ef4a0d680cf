package io.gevgate.viewer.features;

import io.gevgate.acquisition.genapi.CategoryTree;
import io.gevgate.acquisition.genapi.FeatureInfo;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.node.Visibility;
import io.gevgate.viewer.device.DeviceSession;
import io.gevgate.viewer.device.LockedFeatures;
import io.gevgate.viewer.ui.Background;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.controlsfx.control.PropertySheet;

/**
 * Features: the GenICam category tree on the left, the selected category's features in a
 * PropertySheet on the right; visibility level, search across all categories, refresh after every
 * write and by polling. Every device access runs on the device thread; errors land in the inline
 * message line.
 */
public final class FeaturesPanel {
    private final Background background;
    private final BorderPane root = new BorderPane();
    private final TreeView<CategoryTree> tree = new TreeView<>();
    private final PropertySheet sheet = new PropertySheet();
    private final TextField search = new TextField();
    private final ComboBox<Visibility> visibility = new ComboBox<>();
    private final CheckBox poll = new CheckBox("Poll 1 s");
    private final Label message = new Label();
    private final Timeline poller = new Timeline(new KeyFrame(Duration.seconds(1), e -> refreshShown()));
    private final Map<String, FeatureItem> items = new LinkedHashMap<>();
    private DeviceSession session;
    private CategoryTree categories;
    private boolean refreshing;
    private boolean refreshAgain;

    public FeaturesPanel(Background background) {
        this.background = background;
        search.setId("feature-search");
        search.setPromptText("Search features");
        search.textProperty().addListener((o, a, b) -> rebuildSheet());
        visibility.getItems().addAll(Visibility.BEGINNER, Visibility.EXPERT, Visibility.GURU);
        visibility.setValue(Visibility.EXPERT);
        visibility.setId("feature-visibility");
        visibility.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Visibility v) {
                return v == null ? "" : v.name().charAt(0) + v.name().substring(1).toLowerCase(Locale.ROOT);
            }

            @Override
            public Visibility fromString(String s) {
                return Visibility.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        visibility.valueProperty().addListener((o, a, b) -> loadTree());
        poll.setId("feature-poll");
        poll.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                poller.play();
            } else {
                poller.stop();
            }
        });
        poller.setCycleCount(Timeline.INDEFINITE);
        Button refresh = new Button("Refresh");
        refresh.setId("feature-refresh");
        refresh.setOnAction(e -> refreshShown());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("Visibility"), visibility, search, gap, poll, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar-row");
        HBox.setHgrow(search, Priority.SOMETIMES);
        search.setPrefColumnCount(22);

        tree.setId("feature-tree");
        tree.setShowRoot(true);
        tree.setCellFactory(tv -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(CategoryTree c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : label(c));
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> rebuildSheet());
        sheet.setId("feature-sheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setPropertyEditorFactory(new FeatureEditors());
        SplitPane split = new SplitPane(tree, sheet);
        split.setDividerPositions(0.26);
        message.setId("feature-error");
        message.getStyleClass().add("message");
        message.setWrapText(true);
        root.setTop(bar);
        root.setCenter(split);
        root.setBottom(message);
        root.setPadding(new Insets(8));
        BorderPane.setMargin(split, new Insets(8, 0, 8, 0));
        showNoDevice();
    }

    public BorderPane root() {
        return root;
    }

    public TextField searchField() {
        return search;
    }

    public PropertySheet sheet() {
        return sheet;
    }

    public FeatureItem item(String name) {
        return items.get(name);
    }

    public Label message() {
        return message;
    }

    /** A device was opened (or null: closed). FX thread. */
    public void setSession(DeviceSession s) {
        this.session = s;
        items.clear();
        if (s == null) {
            poll.setSelected(false);
            showNoDevice();
            return;
        }
        loadTree();
    }

    private void showNoDevice() {
        tree.setRoot(null);
        sheet.getItems().clear();
        message.setText("No device open: open one in Devices.");
        message.getStyleClass().remove("error-text");
    }

    private void loadTree() {
        DeviceSession s = session;
        if (s == null) {
            return;
        }
        Visibility level = visibility.getValue();
        background.device(() -> {
            NodeMap f = s.features();
            CategoryTree t = f.categoryTree(level);
            Map<String, FeatureInfo> infos = new LinkedHashMap<>();
            collect(f, t, infos);
            return Map.entry(t, infos);
        }, r -> {
            if (session != s) {
                return;
            }
            categories = r.getKey();
            Map<String, FeatureItem> old = new LinkedHashMap<>(items);
            items.clear();
            addItems(categories, r.getValue(), old);
            TreeItem<CategoryTree> rootItem = treeItem(categories);
            rootItem.setExpanded(true);
            tree.setRoot(rootItem);
            tree.getSelectionModel().select(rootItem);
            info(items.size() + " features at " + level.name().toLowerCase(Locale.ROOT) + " level");
            refreshShown();
        }, this::error);
    }

    private static void collect(NodeMap f, CategoryTree t, Map<String, FeatureInfo> out) {
        for (String name : t.features()) {
            if (!out.containsKey(name)) {
                try {
                    out.put(name, f.info(name));
                } catch (RuntimeException e) {
                    // a feature the engine cannot describe is left out of the sheet, not a crash
                }
            }
        }
        for (CategoryTree sub : t.subcategories()) {
            collect(f, sub, out);
        }
    }

    private void addItems(CategoryTree t, Map<String, FeatureInfo> infos, Map<String, FeatureItem> old) {
        for (String name : t.features()) {
            FeatureInfo info = infos.get(name);
            if (info != null && !items.containsKey(name)) {
                FeatureItem prev = old.get(name);
                FeatureItem it = new FeatureItem(info, label(t), this::write);
                if (prev != null && prev.last() != null) {
                    it.apply(prev.last());
                }
                items.put(name, it);
            }
        }
        for (CategoryTree sub : t.subcategories()) {
            addItems(sub, infos, old);
        }
    }

    private static TreeItem<CategoryTree> treeItem(CategoryTree t) {
        TreeItem<CategoryTree> ti = new TreeItem<>(t);
        for (CategoryTree sub : t.subcategories()) {
            ti.getChildren().add(treeItem(sub));
        }
        ti.setExpanded(true);
        return ti;
    }

    private static String label(CategoryTree c) {
        return c.displayName() == null || c.displayName().isBlank() ? c.name() : c.displayName();
    }

    /** Shows the selected category (with its sub-categories), or every match of the search text. */
    private void rebuildSheet() {
        List<FeatureItem> shown = new ArrayList<>();
        String q = search.getText() == null ? "" : search.getText().trim().toLowerCase(Locale.ROOT);
        if (!q.isEmpty()) {
            for (FeatureItem it : items.values()) {
                String dn = it.info().displayName() == null ? "" : it.info().displayName();
                if (it.feature().toLowerCase(Locale.ROOT).contains(q) || dn.toLowerCase(Locale.ROOT).contains(q)) {
                    shown.add(it);
                }
            }
        } else {
            TreeItem<CategoryTree> sel = tree.getSelectionModel().getSelectedItem();
            if (sel != null) {
                gather(sel.getValue(), shown);
            }
        }
        // a search shows one flat list (matches come from many categories); a category shows its groups
        sheet.setMode(q.isEmpty() ? PropertySheet.Mode.CATEGORY : PropertySheet.Mode.NAME);
        sheet.getItems().setAll(shown);
    }

    private void gather(CategoryTree t, List<FeatureItem> out) {
        for (String name : t.features()) {
            FeatureItem it = items.get(name);
            if (it != null && !out.contains(it)) {
                out.add(it);
            }
        }
        for (CategoryTree sub : t.subcategories()) {
            gather(sub, out);
        }
    }

    /** Re-reads every feature (values, access, ranges, entries) and redraws the sheet. */
    public void refreshShown() {
        DeviceSession s = session;
        if (s == null) {
            return;
        }
        if (refreshing) {
            refreshAgain = true; // a write landed while a read was in flight: read once more after it
            return;
        }
        refreshing = true;
        List<String> names = new ArrayList<>(items.keySet());
        background.device(() -> {
            NodeMap f = s.features();
            LockedFeatures locks = s.locks();
            f.invalidateAll();
            List<FeatureValue> out = new ArrayList<>(names.size());
            for (String n : names) {
                out.add(FeatureValue.read(f, locks, n));
            }
            return out;
        }, values -> {
            refreshing = false;
            if (session != s) {
                return;
            }
            if (refreshAgain) {
                refreshAgain = false;
                refreshShown();
            }
            boolean accessChanged = false;
            for (FeatureValue v : values) {
                FeatureItem it = items.get(v.name());
                if (it != null) {
                    FeatureValue before = it.last();
                    accessChanged |= before == null || before.writable() != v.writable()
                            || before.access() != v.access() || !java.util.Objects.equals(before.lockedBy(), v.lockedBy());
                    it.apply(v);
                }
            }
            if (accessChanged) {
                rebuildSheet(); // names and editability are fixed per row: rebuild so RO/locked show
            }
        }, e -> {
            refreshing = false;
            refreshAgain = false;
            error(e);
        });
    }

    /** An edit from the sheet: write on the device thread, read everything back, show errors inline. */
    private void write(FeatureItem item, Object value) {
        DeviceSession s = session;
        if (s == null) {
            return;
        }
        String name = item.feature();
        background.device(() -> {
            NodeMap f = s.features();
            switch (item.kind()) {
                case "INTEGER" -> f.setInteger(name, ((Number) value).longValue());
                case "FLOAT" -> f.setFloat(name, ((Number) value).doubleValue());
                case "BOOLEAN" -> f.setBoolean(name, (Boolean) value);
                case "ENUMERATION" -> f.setEnum(name, (String) value);
                case "STRING" -> f.setString(name, (String) value);
                case "COMMAND" -> f.execute(name);
                default -> throw new IllegalStateException(name + " cannot be written from the browser (" + item.kind() + ")");
            }
            return value;
        }, v -> {
            info("COMMAND".equals(item.kind()) ? "Executed " + name : "Wrote " + name + " = " + v);
            refreshShown();
        }, e -> {
            error(e);
            item.reassert(); // the editor shows what the device holds, not the refused text
            refreshShown();
        });
    }

    private void info(String text) {
        message.getStyleClass().remove("error-text");
        message.setText(text);
    }

    private void error(String text) {
        message.setText(text);
        if (!message.getStyleClass().contains("error-text")) {
            message.getStyleClass().add("error-text");
        }
    }

    public void stop() {
        poller.stop();
    }
}
