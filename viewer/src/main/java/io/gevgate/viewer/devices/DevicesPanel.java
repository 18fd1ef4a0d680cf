package io.gevgate.viewer.devices;

import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.gvcp.DeviceInfo;
import io.gevgate.acquisition.gvcp.Discovery;
import io.gevgate.viewer.ui.Background;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Devices: unicast discovery to a typed address, broadcast on a chosen interface (only when the user
 * clicks Broadcast), the table, open/close and FORCEIP. Discovery runs on a background thread.
 */
public final class DevicesPanel {
    /** A broadcast collects answers for this whole window. */
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofMillis(800);
    /**
     * A unicast discovery returns at the first answer, so a generous bound costs nothing when the
     * device answers and lets a slow (loaded) host or device answer at all (800 ms did not, in CI).
     */
    private static final Duration UNICAST_DISCOVERY_TIMEOUT = Duration.ofSeconds(3);

    /** What the main view does when the user opens or closes a device. */
    public interface Actions {
        void open(DeviceRow row);

        void close();
    }

    private final Background background;
    private final Consumer<String> status;
    private final BorderPane root = new BorderPane();
    private final TextField address = new TextField();
    private final ComboBox<String> interfaces = new ComboBox<>();
    private final ObservableList<DeviceRow> rows = FXCollections.observableArrayList();
    private final TableView<DeviceRow> table = new TableView<>(rows);
    private final Button open = new Button("Open");
    private final Button close = new Button("Close");
    private final Label message = new Label();
    private Actions actions;

    public DevicesPanel(Background background, Consumer<String> status) {
        this.background = background;
        this.status = status;
        address.setId("address");
        address.setPromptText("camera IP, e.g. 192.168.1.10");
        address.setPrefColumnCount(14);
        address.setOnAction(e -> discoverUnicast());
        Button unicast = new Button("Discover");
        unicast.setId("discover-unicast");
        unicast.setDefaultButton(true);
        unicast.setOnAction(e -> discoverUnicast());
        interfaces.setId("interfaces");
        interfaces.setPrefWidth(200);
        interfaces.getItems().setAll(interfaceNames());
        if (!interfaces.getItems().isEmpty()) {
            interfaces.setValue(interfaces.getItems().getFirst());
        }
        Button broadcast = new Button("Broadcast");
        broadcast.setId("discover-broadcast");
        broadcast.setOnAction(e -> discoverBroadcast());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("Address"), address, unicast, gap, new Label("Interface"), interfaces, broadcast);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar-row");

        table.setId("device-table");
        table.setPlaceholder(new Label("No devices yet: type an address and press Discover, or broadcast on an interface."));
        table.getColumns().add(column("Model", r -> r.info().model(), 150));
        table.getColumns().add(column("Vendor", r -> r.info().manufacturer(), 140));
        table.getColumns().add(column("Serial", r -> r.info().serialNumber(), 110));
        table.getColumns().add(column("IP", DeviceRow::address, 110));
        table.getColumns().add(column("MAC", r -> r.info().macString(), 140));
        table.getColumns().add(column("User name", r -> r.info().userName(), 110));
        TableColumn<DeviceRow, String> st = new TableColumn<>("Status");
        st.setCellValueFactory(c -> c.getValue().statusProperty());
        st.setPrefWidth(260);
        table.getColumns().add(st);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(tv -> {
            var row = new javafx.scene.control.TableRow<DeviceRow>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openSelected();
                }
            });
            return row;
        });

        open.setId("open");
        open.setOnAction(e -> openSelected());
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        close.setId("close");
        close.setDisable(true);
        close.setOnAction(e -> {
            if (actions != null) {
                actions.close();
            }
        });
        Button forceIp = new Button("Force IP…");
        forceIp.setId("force-ip");
        forceIp.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        forceIp.setOnAction(e -> forceIpSelected());
        message.setId("devices-message");
        message.getStyleClass().add("message");
        HBox buttons = new HBox(8, open, close, forceIp, message);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.getStyleClass().add("toolbar-row");

        VBox top = new VBox(bar);
        root.setTop(top);
        root.setCenter(table);
        root.setBottom(buttons);
        root.setPadding(new Insets(8));
        BorderPane.setMargin(table, new Insets(8, 0, 8, 0));
    }

    public BorderPane root() {
        return root;
    }

    public TextField addressField() {
        return address;
    }

    public TableView<DeviceRow> table() {
        return table;
    }

    public void setActions(Actions a) {
        this.actions = a;
    }

    /** Called by the main view when a device opened or closed. */
    public void opened(DeviceRow row, boolean isOpen) {
        close.setDisable(!isOpen);
        if (row != null) {
            row.statusProperty().set(isOpen ? ControlStatus.OPEN_HERE : ControlStatus.FREE);
        }
    }

    public void showMessage(String text, boolean error) {
        message.setText(text);
        message.getStyleClass().remove("error-text");
        if (error) {
            message.getStyleClass().add("error-text");
        }
    }

    private static TableColumn<DeviceRow, String> column(String title, java.util.function.Function<DeviceRow, String> f,
                                                         double width) {
        TableColumn<DeviceRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private void discoverUnicast() {
        String text = address.getText().trim();
        if (!ForceIpDialog.isDottedQuad(text)) {
            showMessage("Address: expected a dotted IPv4 address, got '" + text + "'", true);
            return;
        }
        InetAddress a = ForceIpDialog.ipv4(text);
        showMessage("Asking " + text + "…", false);
        background.misc(() -> {
            DeviceInfo info = Cameras.discover(a, UNICAST_DISCOVERY_TIMEOUT);
            return new DeviceRow(info, ControlStatus.read(info.source().getAddress()));
        }, row -> {
            merge(List.of(row));
            table.getSelectionModel().select(findRow(row.address()));
            showMessage("Found " + row.info().model() + " at " + row.address(), false);
            status.accept("Discovered " + row.address());
        }, err -> showMessage("No answer from " + text + ": " + err, true));
    }

    private void discoverBroadcast() {
        String name = interfaces.getValue();
        if (name == null) {
            showMessage("No IPv4 interface to broadcast on", true);
            return;
        }
        showMessage("Broadcasting on " + name + "…", false);
        background.misc(() -> {
            NetworkInterface nif = NetworkInterface.getByName(name.split(" ")[0]);
            List<DeviceRow> found = new ArrayList<>();
            for (DeviceInfo i : Cameras.discover(nif, DISCOVERY_TIMEOUT)) {
                found.add(new DeviceRow(i, ControlStatus.read(i.source().getAddress())));
            }
            return found;
        }, found -> {
            merge(found);
            showMessage(found.size() + " device(s) answered on " + name, false);
        }, err -> showMessage("Broadcast on " + name + " failed: " + err, true));
    }

    private void merge(List<DeviceRow> found) {
        for (DeviceRow r : found) {
            DeviceRow old = findRow(r.address());
            if (old != null) {
                if (ControlStatus.OPEN_HERE.equals(old.statusProperty().get())) {
                    r.statusProperty().set(ControlStatus.OPEN_HERE);
                }
                rows.set(rows.indexOf(old), r);
            } else {
                rows.add(r);
            }
        }
    }

    private DeviceRow findRow(String ip) {
        return rows.stream().filter(r -> r.address().equals(ip)).findFirst().orElse(null);
    }

    private void openSelected() {
        DeviceRow row = table.getSelectionModel().getSelectedItem();
        if (row != null && actions != null) {
            actions.open(row);
        }
    }

    private void forceIpSelected() {
        DeviceRow row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        var dialog = new ForceIpDialog(row);
        if (root.getScene() != null) {
            dialog.initOwner(root.getScene().getWindow());
        }
        dialog.showAndWait().ifPresent(req -> background.misc(() -> {
            InetAddress target = row.info().source().getAddress();
            Discovery.forceIp(localAddressFor(target), target, row.info().mac(), req.ip(), req.mask(), req.gateway(),
                    Duration.ofSeconds(1));
            return req;
        }, r -> showMessage("FORCEIP acknowledged: " + row.info().macString() + " → " + r.ip().getHostAddress(), false),
                err -> showMessage("FORCEIP failed: " + err, true)));
    }

    /** The local address the kernel would route to {@code target} from (connect on UDP sends nothing). */
    static InetAddress localAddressFor(InetAddress target) throws SocketException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(target, 3956);
            return s.getLocalAddress();
        }
    }

    private static List<String> interfaceNames() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        out.add(nif.getName() + " (" + a.getHostAddress() + ")");
                        break;
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: broadcast stays unavailable, unicast still works
        }
        return out;
    }
}
