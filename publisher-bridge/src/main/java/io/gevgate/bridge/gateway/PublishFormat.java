package io.gevgate.bridge.gateway;

import java.util.Locale;

/** What the gateway publishes: converted NV12 or RGBA8, or the camera's own format unconverted. */
public enum PublishFormat {
    NV12, RGBA, NATIVE;

    public static PublishFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format: expected nv12, rgba or native, got '" + text + "'");
        }
    }
}
