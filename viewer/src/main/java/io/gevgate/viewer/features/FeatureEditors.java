package io.gevgate.viewer.features;

import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Callback;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * Editors by GenApi node kind: integer spinner stepping by the feature's increment within its range,
 * float field with its unit, enumeration combo, boolean check box, string field, command button,
 * read-only text for registers. Each editor node gets the id {@code feature-<Name>}. Text editors
 * commit on Enter or when focus leaves, so a half-typed number never reaches the device.
 */
public final class FeatureEditors implements Callback<PropertySheet.Item, PropertyEditor<?>> {

    /** Key under which an editor keeps its value property on its control (set before the super constructor reads it). */
    private static final String VALUE_KEY = "gevgate.value";

    private static <N extends javafx.scene.Node> N withValue(N node) {
        node.getProperties().put(VALUE_KEY, new SimpleObjectProperty<>());
        return node;
    }

    @SuppressWarnings("unchecked")
    private static <T> ObjectProperty<T> valueOf(javafx.scene.Node node) {
        return (ObjectProperty<T>) node.getProperties().get(VALUE_KEY);
    }

    @Override
    public PropertyEditor<?> call(PropertySheet.Item item) {
        FeatureItem f = (FeatureItem) item;
        PropertyEditor<?> editor = switch (f.kind()) {
            case "INTEGER" -> new IntegerEditor(f);
            case "FLOAT" -> new FloatEditor(f);
            case "BOOLEAN" -> new BooleanEditor(f);
            case "ENUMERATION" -> new EnumEditor(f);
            case "STRING" -> new TextEditor(f, false);
            case "COMMAND" -> new CommandEditor(f);
            default -> new TextEditor(f, true);
        };
        editor.getEditor().setId("feature-" + f.feature());
        return editor;
    }

    /** Spinner over longs: min, max and increment come from the last device read. */
    static final class IntegerEditor extends AbstractPropertyEditor<Long, Spinner<Long>> {
        IntegerEditor(FeatureItem item) {
            super(item, spinner(item));
        }

        private static Spinner<Long> spinner(FeatureItem item) {
            Spinner<Long> s = new Spinner<>(new LongFactory(item));
            s.setEditable(true);
            s.setMaxWidth(Double.MAX_VALUE);
            s.getEditor().focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    commit(s);
                }
            });
            return s;
        }

        private static void commit(Spinner<Long> s) {
            try {
                s.commitValue();
            } catch (RuntimeException e) {
                s.getEditor().setText(String.valueOf(s.getValue()));
            }
        }

        @Override
        protected ObservableValue<Long> getObservableValue() {
            return getEditor().valueProperty();
        }

        @Override
        public void setValue(Long value) {
            getEditor().getValueFactory().setValue(value);
        }
    }

    /** Steps by the feature's increment, clamped to its current range (both re-read after each write). */
    static final class LongFactory extends SpinnerValueFactory<Long> {
        private final FeatureItem item;

        LongFactory(FeatureItem item) {
            this.item = item;
            setConverter(new StringConverter<>() {
                @Override
                public String toString(Long v) {
                    return v == null ? "" : v.toString();
                }

                @Override
                public Long fromString(String s) {
                    String t = s.trim();
                    try {
                        return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
                    } catch (NumberFormatException e) {
                        return getValue(); // not a number: keep the device's value
                    }
                }
            });
        }

        @Override
        public void decrement(int steps) {
            step(-steps);
        }

        @Override
        public void increment(int steps) {
            step(steps);
        }

        private void step(int steps) {
            FeatureValue v = item.last();
            Long cur = getValue();
            if (v == null || cur == null) {
                return;
            }
            long inc = v.inc() == null ? 1 : Math.max(1, v.inc().longValue());
            long next = cur + steps * inc;
            if (v.min() != null) {
                next = Math.max(next, v.min().longValue());
            }
            if (v.max() != null) {
                next = Math.min(next, v.max().longValue());
            }
            setValue(next);
        }
    }

    /** Text field plus the feature's unit; commits a parsed double. */
    static final class FloatEditor extends AbstractPropertyEditor<Double, HBox> {
        FloatEditor(FeatureItem item) {
            super(item, withValue(box(new TextField(), item.info().unit())));
            field().setOnAction(e -> commit());
            field().focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    commit();
                }
            });
        }

        private TextField field() {
            return (TextField) getEditor().getChildren().getFirst();
        }

        private static HBox box(TextField field, String unit) {
            HBox b = new HBox(6, field);
            b.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(field, Priority.ALWAYS);
            if (unit != null && !unit.isBlank()) {
                Label u = new Label(unit);
                u.getStyleClass().add("unit");
                b.getChildren().add(u);
            }
            return b;
        }

        private void commit() {
            ObjectProperty<Double> value = valueOf(getEditor());
            try {
                double d = Double.parseDouble(field().getText().trim());
                if (value.get() == null || d != value.get()) {
                    value.set(d);
                }
            } catch (NumberFormatException e) {
                field().setText(format(value.get())); // not a number: show the device's value again
            }
        }

        @Override
        protected ObservableValue<Double> getObservableValue() {
            return valueOf(getEditor());
        }

        @Override
        public void setValue(Double v) {
            valueOf(getEditor()).set(v);
            field().setText(format(v));
        }

        private static String format(Double v) {
            if (v == null) {
                return "";
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return String.format(Locale.ROOT, "%.1f", v);
            }
            return String.format(Locale.ROOT, "%.6g", v);
        }
    }

    static final class BooleanEditor extends AbstractPropertyEditor<Boolean, CheckBox> {
        BooleanEditor(FeatureItem item) {
            super(item, new CheckBox());
        }

        @Override
        protected ObservableValue<Boolean> getObservableValue() {
            return getEditor().selectedProperty();
        }

        @Override
        public void setValue(Boolean v) {
            getEditor().setSelected(Boolean.TRUE.equals(v));
        }
    }

    static final class EnumEditor extends AbstractPropertyEditor<String, ComboBox<String>> {
        EnumEditor(FeatureItem item) {
            super(item, combo(item));
        }

        private static ComboBox<String> combo(FeatureItem item) {
            ComboBox<String> c = new ComboBox<>(item.entries());
            c.setMaxWidth(Double.MAX_VALUE);
            return c;
        }

        @Override
        protected ObservableValue<String> getObservableValue() {
            return getEditor().valueProperty();
        }

        @Override
        public void setValue(String v) {
            getEditor().setValue(v);
        }
    }

    /** String features (editable unless {@code readOnly}); registers and others are shown as text only. */
    static final class TextEditor extends AbstractPropertyEditor<String, TextField> {
        TextEditor(FeatureItem item, boolean readOnly) {
            super(item, withValue(new TextField()), readOnly);
            getEditor().setEditable(!readOnly);
            getEditor().setOnAction(e -> valueOf(getEditor()).set(getEditor().getText()));
            getEditor().focusedProperty().addListener((o, was, is) -> {
                if (!is && !readOnly) {
                    valueOf(getEditor()).set(getEditor().getText());
                }
            });
        }

        @Override
        protected ObservableValue<String> getObservableValue() {
            return valueOf(getEditor());
        }

        @Override
        public void setValue(String v) {
            valueOf(getEditor()).set(v);
            getEditor().setText(v == null ? "" : v);
        }
    }

    /** A button; each press is a new token, which the item turns into an execute. */
    static final class CommandEditor extends AbstractPropertyEditor<Object, Button> {
        CommandEditor(FeatureItem item) {
            super(item, withValue(new Button("Execute")));
            getEditor().setOnAction(e -> valueOf(getEditor()).set(new Object()));
        }

        @Override
        protected ObservableValue<Object> getObservableValue() {
            return valueOf(getEditor());
        }

        @Override
        public void setValue(Object v) {
            // a command has no value to show
        }
    }
}
