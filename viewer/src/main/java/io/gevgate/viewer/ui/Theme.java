package io.gevgate.viewer.ui;

import java.util.Locale;

/** The two colour themes; each is one stylesheet over JavaFX's Modena. */
public enum Theme {
    DARK("dark.css"), LIGHT("light.css");

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    public String stylesheetUrl() {
        var url = Theme.class.getResource("/io/gevgate/viewer/" + stylesheet);
        if (url == null) {
            throw new IllegalStateException("stylesheet missing from the jar: " + stylesheet);
        }
        return url.toExternalForm();
    }

    public static Theme parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown theme '" + text + "': expected dark or light", e);
        }
    }
}
