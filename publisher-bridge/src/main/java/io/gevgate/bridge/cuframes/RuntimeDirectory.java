package io.gevgate.bridge.cuframes;

import java.nio.file.Path;

/**
 * Where control sockets live: {@code /run/cuframes}, overridable with the environment variable
 * {@code CUFRAMES_RUNTIME_DIR} or an explicit directory (protocol §2, a gevgate decision).
 */
public final class RuntimeDirectory {
    public static final Path DEFAULT = Path.of("/run/cuframes");
    public static final String ENV = "CUFRAMES_RUNTIME_DIR";

    private RuntimeDirectory() {
    }

    /** The explicit directory if given, else $CUFRAMES_RUNTIME_DIR, else /run/cuframes. */
    public static Path resolve(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? DEFAULT : Path.of(env);
    }
}
