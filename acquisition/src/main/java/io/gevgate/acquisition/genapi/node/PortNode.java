package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.port.Port;

/**
 * {@code <Port>}: where register nodes send their accesses. The application binds a
 * {@link Port} to it: the device port, or (for a port with a {@code ChunkID}) the chunk of
 * that ID in the current frame.
 */
public final class PortNode extends Node {

    private final Long chunkId;
    private final boolean swapEndianness;
    private Port port;
    private final RegisterCache cache = new RegisterCache();
    /** NoCache registers fetched in one batch for one read pass only (never outlives the pass). */
    private final RegisterCache snapshot = new RegisterCache();

    public PortNode(NodeDef d) {
        super(d);
        String c = d.text("ChunkID");
        // ChunkID is hexBinary in the schema: hex digits, with or without a 0x prefix.
        String hex = c == null ? null : c.strip().replaceFirst("^0[xX]", "");
        this.chunkId = hex == null ? null : d.parseInteger("0x" + hex, "ChunkID");
        this.swapEndianness = yes(d.text("SwapEndianess"));
        d.ignore("CacheChunkData");
    }

    /** The ChunkID this port reads from (chunk data of a frame), or null for a device port. */
    public Long chunkId() {
        return chunkId;
    }

    /** Whether the port's data is byte-swapped (every 32-bit word reversed, see {@link io.gevgate.acquisition.genapi.port.SwappedPort}). */
    public boolean swapEndianness() {
        return swapEndianness;
    }

    /** Connects the port; values cached from a previous binding are dropped. */
    public void bind(Port p) {
        // SwapEndianess: the registers see the bytes swapped back, cache included (it holds swapped data).
        this.port = p != null && swapEndianness ? new io.gevgate.acquisition.genapi.port.SwappedPort(p) : p;
        cache.clear();
        snapshot.clear();
    }

    RegisterCache snapshot() {
        return snapshot;
    }

    RegisterCache cache() {
        return cache;
    }

    /** Forgets every cached register value of this port. */
    public void clearCache() {
        cache.clear();
        snapshot.clear();
    }

    public Port boundPort() {
        return port;
    }

    Port port(Node user) {
        if (port == null) {
            throw new io.gevgate.acquisition.genapi.GenApiException(user.name(), Reason.NOT_AVAILABLE,
                    chunkId != null ? String.format("chunk 0x%X is not in the current frame (port %s)", chunkId, name())
                            : "port " + name() + " is not connected");
        }
        return port;
    }

    @Override
    protected AccessMode baseAccess() {
        return AccessMode.RW;
    }
}
