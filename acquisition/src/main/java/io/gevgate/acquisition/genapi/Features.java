package io.gevgate.acquisition.genapi;

import io.gevgate.acquisition.genapi.node.AccessMode;
import io.gevgate.acquisition.genapi.node.Visibility;
import java.util.List;
import java.util.Set;

/**
 * A camera's features by name: read, write, execute, browse. Every write checks access
 * (implemented, available, locked, read-only), range and increment before anything reaches the
 * device. Every failure is a {@link GenApiException} naming the feature and the reason.
 */
public interface Features {

    Set<String> names();

    boolean has(String name);

    FeatureInfo info(String name);

    AccessMode accessMode(String name);

    /** The value as text, whatever the type (enum symbol, hex for HexNumber, dotted IPv4...). */
    String get(String name);

    /** Parses the text by the feature's type and writes it. */
    void set(String name, String value);

    /** Writes an integer or float feature: {@code set("ExposureTime", 5000)}. */
    default void set(String name, long value) {
        set(name, Long.toString(value));
    }

    /** Writes a float feature, or an integer feature when {@code value} is a whole number. */
    default void set(String name, double value) {
        set(name, value == Math.rint(value) && Math.abs(value) < 0x1p53 ? Long.toString((long) value) : Double.toString(value));
    }

    void execute(String name);

    boolean isDone(String name);

    long getInteger(String name);

    void setInteger(String name, long value);

    long integerMin(String name);

    long integerMax(String name);

    long integerInc(String name);

    double getFloat(String name);

    void setFloat(String name, double value);

    double floatMin(String name);

    double floatMax(String name);

    boolean getBoolean(String name);

    void setBoolean(String name, boolean value);

    String getString(String name);

    void setString(String name, String value);

    String getEnum(String name);

    void setEnum(String name, String symbolic);

    /** Symbolic names of the entries that can be chosen now. */
    List<String> enumEntries(String name);

    byte[] getRegister(String name);

    void setRegister(String name, byte[] bytes);

    /** The tree under the root category ("Root"), hiding features above {@code level}. */
    CategoryTree categoryTree(Visibility level);

    /** Forgets every cached register value. */
    void invalidateAll();
}
