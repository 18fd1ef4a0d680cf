package io.gevgate.acquisition.genapi.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code <IncMode>} and {@code <ValidValueSet>} (GenApi schema 1.1) of an Integer or Float: how
 * valid values are spaced. FixedIncrement (the default) is Min + k * Inc; NoIncrement is any value
 * in [Min, Max]; ListIncrement (or any ValidValueSet) is one of the listed values, inside [Min, Max].
 */
public final class ValueList {

    /** How valid values are spaced. */
    public enum IncMode { FIXED, NONE, LIST }

    private ValueList() {
    }

    static IncMode incMode(NodeDef d) {
        String t = d.text("IncMode");
        if (t == null) {
            return IncMode.FIXED;
        }
        return switch (t.strip().toLowerCase(Locale.ROOT)) {
            case "fixedincrement" -> IncMode.FIXED;
            case "noincrement" -> IncMode.NONE;
            case "listincrement" -> IncMode.LIST;
            default -> throw d.malformed("<IncMode> has unknown value \"" + NodeDef.abbreviate(t)
                    + "\" (FixedIncrement, NoIncrement or ListIncrement)");
        };
    }

    /** The listed values (separated by ';', ',' or white space), or null when there is no ValidValueSet. */
    static List<Long> integers(NodeDef d) {
        String t = d.text("ValidValueSet");
        if (t == null) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (String part : split(d, t)) {
            out.add(d.parseInteger(part, "ValidValueSet"));
        }
        return List.copyOf(out);
    }

    static List<Double> floats(NodeDef d) {
        String t = d.text("ValidValueSet");
        if (t == null) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (String part : split(d, t)) {
            out.add(d.parseFloat(part, "ValidValueSet"));
        }
        return List.copyOf(out);
    }

    private static List<String> split(NodeDef d, String t) {
        List<String> out = new ArrayList<>();
        for (String p : t.strip().split("[;,\\s]+")) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        if (out.size() > 65_536) {
            throw d.malformed("<ValidValueSet> with more than 65536 values");
        }
        return out;
    }
}
