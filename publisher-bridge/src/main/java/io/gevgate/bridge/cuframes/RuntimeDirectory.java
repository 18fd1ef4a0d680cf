package io.gevgate.bridge.cuframes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where control sockets live: {@code /run/cuframes}, overridable with the environment variable
 * {@code CUFRAMES_RUNTIME_DIR} or an explicit directory (protocol §2, a gevgate decision).
 *
 * <p>An unprivileged user cannot create {@code /run/cuframes} on a stock system, so without an
 * override the directory falls back to {@code $XDG_RUNTIME_DIR/cuframes} (or
 * {@code /tmp/cuframes-USER}) when {@code /run/cuframes} is neither usable nor creatable. Publisher
 * and subscribers of one user resolve the same way, so they still meet (a gevgate decision).
 */
public final class RuntimeDirectory {
    public static final Path DEFAULT = Path.of("/run/cuframes");
    public static final String ENV = "CUFRAMES_RUNTIME_DIR";

    private RuntimeDirectory() {
    }

    /** The explicit directory if given, else $CUFRAMES_RUNTIME_DIR, else /run/cuframes or its fallback. */
    public static Path resolve(Path explicit) {
        return resolve(explicit, System.getenv(), DEFAULT);
    }

    static Path resolve(Path explicit, Map<String, String> env, Path preferred) {
        if (explicit != null) {
            return explicit;
        }
        String dir = env.get(ENV);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        if (usable(preferred)) {
            return preferred;
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))) {
            return Path.of(xdg, "cuframes");
        }
        String user = env.getOrDefault("USER", System.getProperty("user.name", "user"));
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "cuframes-" + user);
    }

    /** The directory exists and is writable, or can be created in a writable parent. */
    private static boolean usable(Path dir) {
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir);
        }
        Path parent = dir.getParent();
        return parent != null && Files.isDirectory(parent) && Files.isWritable(parent);
    }
}
