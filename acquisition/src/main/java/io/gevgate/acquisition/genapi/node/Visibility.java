package io.gevgate.acquisition.genapi.node;

/** Who should see a feature: an ordered scale, Beginner shows least. */
public enum Visibility {
    BEGINNER, EXPERT, GURU, INVISIBLE;

    public static Visibility parse(String s) {
        return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /** True when a user at {@code level} sees a feature of this visibility. */
    public boolean visibleAt(Visibility level) {
        return ordinal() <= level.ordinal();
    }
}
