package io.gevgate.gendc;

/**
 * Component TypeId values (SFNC ComponentIDValue) as GenDC component headers carry them.
 * Source: gige-anchors.md §3.2 (Sensing-Dev {@code sfnc_values.h}).
 */
public final class ComponentTypeIds {
    public static final long UNDEFINED = 0;
    public static final long INTENSITY = 1;
    public static final long INFRARED = 2;
    public static final long ULTRAVIOLET = 3;
    public static final long RANGE = 4;
    public static final long REFLECTANCE = 5;
    public static final long CONFIDENCE = 6;
    public static final long SCATTER = 7;
    public static final long DISPARITY = 8;
    public static final long MULTISPECTRAL = 9;
    public static final long METADATA = 0x8001;

    private ComponentTypeIds() {
    }

    /** SFNC name of a TypeId, or {@code "TypeId 0x..."} for values this table does not know. */
    public static String name(long typeId) {
        if (typeId == METADATA) {
            return "Metadata";
        }
        return switch ((int) Math.min(Math.max(typeId, -1), 100)) {
            case 0 -> "Undefined";
            case 1 -> "Intensity";
            case 2 -> "Infrared";
            case 3 -> "Ultraviolet";
            case 4 -> "Range";
            case 5 -> "Reflectance";
            case 6 -> "Confidence";
            case 7 -> "Scatter";
            case 8 -> "Disparity";
            case 9 -> "Multispectral";
            default -> "TypeId 0x" + Long.toHexString(typeId);
        };
    }
}
