package io.gevgate.bridge.gpu;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Compiled kernels on disk, keyed by the hash of (source, architecture, NVRTC version, options):
 * a restart skips NVRTC (~1 s), and any change of source, GPU or compiler gives a new key, so a
 * stale CUBIN is never loaded. Writes go to a temporary file moved into place, so a crash never
 * leaves a truncated CUBIN under a valid name. A cache that cannot be read or written is not an
 * error: the kernels are simply compiled again.
 */
public final class CubinCache {

    private final Path directory;

    public CubinCache(Path directory) {
        this.directory = directory;
    }

    /** $GEVGATE_CUBIN_CACHE, else $XDG_CACHE_HOME/gevgate/cubin, else ~/.cache/gevgate/cubin. */
    public static CubinCache defaultCache() {
        String explicit = System.getenv("GEVGATE_CUBIN_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return new CubinCache(Path.of(explicit));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new CubinCache(base.resolve("gevgate").resolve("cubin"));
    }

    public Path directory() {
        return directory;
    }

    /** File name of a key: readable parts plus the hash. */
    static String fileName(String sourceName, String arch, String nvrtcVersion, String hash) {
        return sourceName + "-" + arch + "-nvrtc" + nvrtcVersion + "-" + hash.substring(0, 32) + ".cubin";
    }

    public Optional<byte[]> read(String fileName) {
        Path file = directory.resolve(fileName);
        try {
            if (Files.isRegularFile(file) && Files.size(file) > 0) {
                return Optional.of(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            // unreadable cache: compile again
        }
        return Optional.empty();
    }

    /** Stores a CUBIN; returns false (and leaves no partial file) when the directory is not writable. */
    public boolean write(String fileName, byte[] cubin) {
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, fileName, ".tmp");
            try {
                Files.write(tmp, cubin);
                try {
                    Files.move(tmp, directory.resolve(fileName), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, directory.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
