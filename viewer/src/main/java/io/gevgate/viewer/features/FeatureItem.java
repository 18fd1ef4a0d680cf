package io.gevgate.viewer.features;

import io.gevgate.acquisition.genapi.FeatureInfo;
import io.gevgate.acquisition.genapi.node.AccessMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.controlsfx.control.PropertySheet;

/**
 * A feature as a PropertySheet row. The value shown is always the one last read from the device;
 * an edit is handed to the panel's writer (background write, then read-back), never stored here.
 */
public final class FeatureItem implements PropertySheet.Item {
    private final FeatureInfo info;
    private final String category;
    private final BiConsumer<FeatureItem, Object> writer;
    private final ObjectProperty<Object> value = new SimpleObjectProperty<>();
    private final ObservableList<String> entries = FXCollections.observableArrayList();
    private FeatureValue last;

    public FeatureItem(FeatureInfo info, String category, BiConsumer<FeatureItem, Object> writer) {
        this.info = info;
        this.category = category;
        this.writer = writer;
    }

    public String feature() {
        return info.name();
    }

    public FeatureInfo info() {
        return info;
    }

    public String kind() {
        return info.kind();
    }

    public FeatureValue last() {
        return last;
    }

    public ObservableList<String> entries() {
        return entries;
    }

    /** Applies a device read (FX thread). */
    public void apply(FeatureValue v) {
        last = v;
        if (!entries.equals(v.entries())) {
            entries.setAll(v.entries());
        }
        value.set(v.value());
    }

    /**
     * Puts the last device value back into the editor after a refused edit: the property still holds
     * that value, so setting it again would not notify the editor; going through null does.
     */
    public void reassert() {
        Object v = value.get();
        value.set(null);
        value.set(v);
    }

    @Override
    public Class<?> getType() {
        return switch (info.kind()) {
            case "INTEGER" -> Long.class;
            case "FLOAT" -> Double.class;
            case "BOOLEAN" -> Boolean.class;
            default -> String.class;
        };
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        String n = info.displayName() == null || info.displayName().isBlank() ? info.name() : info.displayName();
        if (last != null && last.lockedBy() != null) {
            return n + "  (locked)";
        }
        if (last != null && last.access() == AccessMode.RO && !"COMMAND".equals(info.kind())) {
            return n + "  (RO)";
        }
        return n;
    }

    @Override
    public String getDescription() {
        StringBuilder sb = new StringBuilder(info.name());
        String tip = info.toolTip() != null && !info.toolTip().isBlank() ? info.toolTip() : info.description();
        if (tip != null && !tip.isBlank()) {
            sb.append("\n").append(tip.strip());
        }
        sb.append("\n").append(info.type()).append(" · ").append(info.visibility()).append(" · access ")
                .append(last == null ? info.access() : last.access());
        if (last != null) {
            if (last.min() != null) {
                sb.append("\nrange ").append(last.min()).append(" … ").append(last.max());
            }
            if (last.inc() != null && last.inc().longValue() != 1) {
                sb.append(", increment ").append(last.inc());
            }
            if (last.lockedBy() != null) {
                sb.append("\nlocked by ").append(last.lockedBy());
            }
            if (last.error() != null) {
                sb.append("\n").append(last.error());
            }
        }
        if (info.unit() != null && !info.unit().isBlank()) {
            sb.append("\nunit ").append(info.unit());
        }
        return sb.toString();
    }

    @Override
    public Object getValue() {
        return value.get();
    }

    /** Called by the editor: a user edit. Echoes of what the device already reported are ignored. */
    @Override
    public void setValue(Object v) {
        if (!"COMMAND".equals(info.kind()) && Objects.equals(v, value.get())) {
            return;
        }
        if ("COMMAND".equals(info.kind()) && v == null) {
            return;
        }
        writer.accept(this, v);
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.of(value);
    }

    @Override
    public boolean isEditable() {
        if ("COMMAND".equals(info.kind())) {
            return last == null || last.access() == AccessMode.WO || last.access() == AccessMode.RW;
        }
        return last == null ? info.access() == AccessMode.RW || info.access() == AccessMode.WO : last.writable();
    }

    /** Entries as a list copy (for tests and the enum editor). */
    public List<String> entryList() {
        return List.copyOf(entries);
    }
}
