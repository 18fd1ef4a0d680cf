package io.gevgate.acquisition.genapi.xml;

/**
 * Bounds on untrusted XML. Real vendor files are 0.1 to 5 MB uncompressed with at most a few
 * tens of thousands of nodes and shallow nesting; the defaults leave room above that.
 *
 * @param maxBytes    the document size (uncompressed; unzipping is the caller's job and must
 *                    enforce its own size and ratio limits)
 * @param maxElements elements in the whole document
 * @param maxDepth    element nesting
 */
public record LoadLimits(long maxBytes, int maxElements, int maxDepth) {

    public static final LoadLimits DEFAULT = new LoadLimits(8L << 20, 500_000, 32);

    public LoadLimits {
        if (maxBytes <= 0 || maxElements <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
