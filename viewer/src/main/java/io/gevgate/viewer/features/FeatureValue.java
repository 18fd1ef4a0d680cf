package io.gevgate.viewer.features;

import io.gevgate.acquisition.genapi.FeatureInfo;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.node.AccessMode;
import io.gevgate.viewer.device.LockedFeatures;
import io.gevgate.viewer.ui.Errors;
import java.util.HexFormat;
import java.util.List;

/**
 * One feature as read from the device on a background thread, ready to be applied on the FX thread.
 *
 * @param value    Long, Double, Boolean, String (string and enumeration), or null when unreadable
 * @param lockedBy the feature whose non-zero value locks this one now, or null
 * @param error    why the value could not be read, or null
 */
public record FeatureValue(String name, String kind, Object value, AccessMode access, String lockedBy,
                           Number min, Number max, Number inc, List<String> entries, String error) {

    /** Reads value, access, range and entries of {@code name}. Never throws for a per-feature problem. */
    public static FeatureValue read(NodeMap f, LockedFeatures locks, String name) {
        FeatureInfo info;
        try {
            info = f.info(name);
        } catch (RuntimeException e) {
            return new FeatureValue(name, "OTHER", null, AccessMode.NA, null, null, null, null, List.of(), Errors.oneLine(e));
        }
        AccessMode access = info.access();
        String lockedBy = locks.lockOf(name).filter(l -> isLocking(f, l)).orElse(null);
        String kind = info.kind();
        Object value = null;
        Number min = null;
        Number max = null;
        Number inc = null;
        List<String> entries = List.of();
        String error = null;
        try {
            boolean readable = access == AccessMode.RO || access == AccessMode.RW;
            switch (kind) {
                case "INTEGER" -> {
                    if (readable) {
                        value = f.getInteger(name);
                    }
                    min = f.integerMin(name);
                    max = f.integerMax(name);
                    inc = f.integerInc(name);
                }
                case "FLOAT" -> {
                    if (readable) {
                        value = f.getFloat(name);
                    }
                    min = f.floatMin(name);
                    max = f.floatMax(name);
                }
                case "BOOLEAN" -> value = readable ? f.getBoolean(name) : null;
                case "ENUMERATION" -> {
                    entries = f.enumEntries(name);
                    value = readable ? f.getEnum(name) : null;
                }
                case "STRING" -> value = readable ? f.getString(name) : null;
                case "REGISTER" -> value = readable ? HexFormat.of().formatHex(f.getRegister(name)) : null;
                default -> value = null;
            }
        } catch (RuntimeException e) {
            error = Errors.oneLine(e);
        }
        return new FeatureValue(name, kind, value, access, lockedBy, min, max, inc, entries, error);
    }

    private static boolean isLocking(NodeMap f, String lock) {
        try {
            return f.getInteger(lock) != 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean writable() {
        return (access == AccessMode.RW || access == AccessMode.WO) && lockedBy == null;
    }
}
