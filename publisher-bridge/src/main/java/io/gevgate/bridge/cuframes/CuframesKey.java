package io.gevgate.bridge.cuframes;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** A validated cuframes key and the resource names derived from it (protocol §2). */
public record CuframesKey(String value) {
    /** Longest key (CUFRAMES_MAX_KEY_LEN). */
    public static final int MAX_LENGTH = 63;
    /** The fixed shm prefix; libcuframes consumers look for exactly this. */
    public static final String SHM_PREFIX = "/cuframes-";
    public static final String PACKET_SUFFIX = "-packets";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    public CuframesKey {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new CuframesException(CuframesError.INVALID_ARG,
                    "key must be 1.." + MAX_LENGTH + " characters of [A-Za-z0-9_-], got "
                            + (value == null ? "null" : "'" + value + "' (" + value.length() + " chars)"));
        }
    }

    public static CuframesKey of(String value) {
        return new CuframesKey(value);
    }

    /** {@code /cuframes-<key>}. */
    public String framesShmName() {
        return SHM_PREFIX + value;
    }

    /** {@code /cuframes-<key>-packets}. */
    public String packetShmName() {
        return SHM_PREFIX + value + PACKET_SUFFIX;
    }

    /** {@code <dir>/<key>.sock}. */
    public Path socketPath(Path runtimeDir) {
        return runtimeDir.resolve(value + ".sock");
    }

    @Override
    public String toString() {
        return value;
    }
}
