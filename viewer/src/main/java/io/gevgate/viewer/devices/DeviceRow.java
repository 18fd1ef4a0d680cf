package io.gevgate.viewer.devices;

import io.gevgate.acquisition.gvcp.DeviceInfo;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the devices table: what discovery said, plus a status the viewer keeps up to date. */
public final class DeviceRow {
    private final DeviceInfo info;
    private final StringProperty status = new SimpleStringProperty("");

    public DeviceRow(DeviceInfo info, String status) {
        this.info = info;
        this.status.set(status);
    }

    public DeviceInfo info() {
        return info;
    }

    public String address() {
        return info.source().getAddress().getHostAddress();
    }

    public StringProperty statusProperty() {
        return status;
    }
}
