package io.gevgate.acquisition.genapi.node;

/**
 * Register caching. WriteThrough: a write also updates the cache. WriteAround: a write only
 * invalidates it (the device may adjust the value), NoCache: every read goes to the port.
 */
public enum CachingMode {
    NO_CACHE, WRITE_THROUGH, WRITE_AROUND;

    public static CachingMode parse(String s) {
        return switch (s.strip()) {
            case "NoCache" -> NO_CACHE;
            case "WriteThrough" -> WRITE_THROUGH;
            case "WriteAround" -> WRITE_AROUND;
            default -> throw new IllegalArgumentException("Cachable " + s);
        };
    }
}
