package io.gevgate.viewer.devices;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Asks for the static IP, mask and gateway that FORCEIP sends to a device (by its MAC). */
public final class ForceIpDialog extends Dialog<ForceIpDialog.Request> {

    /** What the user asked for; all three are dotted IPv4 addresses. */
    public record Request(InetAddress ip, InetAddress mask, InetAddress gateway) {
    }

    public ForceIpDialog(DeviceRow row) {
        setTitle("Force IP");
        setHeaderText("FORCEIP to " + row.info().macString() + " (" + row.address() + ")");
        TextField ip = new TextField(row.address());
        ip.setId("force-ip-address");
        TextField mask = new TextField(text(row.info().subnetMask(), "255.255.255.0"));
        mask.setId("force-ip-mask");
        TextField gw = new TextField(text(row.info().gateway(), "0.0.0.0"));
        gw.setId("force-ip-gateway");
        Label error = new Label();
        error.getStyleClass().add("error-text");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, new Label("IP address"), ip);
        g.addRow(1, new Label("Subnet mask"), mask);
        g.addRow(2, new Label("Gateway"), gw);
        g.add(error, 0, 3, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = getDialogPane().lookupButton(ButtonType.OK);
        Runnable validate = () -> {
            Optional<String> problem = problem(ip.getText(), mask.getText(), gw.getText());
            error.setText(problem.orElse(""));
            ok.setDisable(problem.isPresent());
        };
        ip.textProperty().addListener((o, a, b) -> validate.run());
        mask.textProperty().addListener((o, a, b) -> validate.run());
        gw.textProperty().addListener((o, a, b) -> validate.run());
        validate.run();
        setResultConverter(b -> b == ButtonType.OK
                ? new Request(ipv4(ip.getText()), ipv4(mask.getText()), ipv4(gw.getText())) : null);
    }

    private static String text(InetAddress a, String fallback) {
        return a == null ? fallback : a.getHostAddress();
    }

    /** Why the three fields cannot be sent, or empty when they can. */
    static Optional<String> problem(String ip, String mask, String gw) {
        for (String[] f : new String[][] {{"IP address", ip}, {"subnet mask", mask}, {"gateway", gw}}) {
            if (!isDottedQuad(f[1])) {
                return Optional.of(f[0] + ": expected a dotted IPv4 address like 192.168.1.10, got '" + f[1] + "'");
            }
        }
        return Optional.empty();
    }

    static boolean isDottedQuad(String s) {
        String[] parts = s.trim().split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static InetAddress ipv4(String s) {
        try {
            return InetAddress.getByName(s.trim()); // a literal (checked above): no DNS lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
