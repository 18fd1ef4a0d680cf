package io.gevgate.acquisition.gvsp;

/**
 * How much of the frame now on the wire is final: its block id, the address of the pool buffer it
 * is assembled in, and the length of the payload prefix [0, bytes) whose packets have all arrived
 * (they are never written again). A consumer that is awake while the frame arrives can start
 * moving that prefix (e.g. DMA it to a GPU) before the frame completes.
 *
 * <p>Published by the receive thread once per receive batch, and only while exactly one frame is
 * open and its packets are placed by packet id (generic image payload; multipart and GenDC
 * frames report nothing). A seqlock: {@link #read} returns a consistent triple or false.
 */
public final class FrameProgress {
    // every field volatile: the seqlock below is then correct under the Java memory model
    private volatile long version;
    private volatile long blockId = -1;
    private volatile long address;
    private volatile long bytes;

    /** The consumer's copy of one consistent reading. */
    public static final class View {
        private long blockId = -1;
        private long address;
        private long bytes;

        /** Block id of the frame on the wire; -1 when none is reported. */
        public long blockId() {
            return blockId;
        }

        /** Native address of the pool buffer the frame is written into (its payload starts there). */
        public long address() {
            return address;
        }

        /** Payload bytes from the start of the buffer that are final. */
        public long bytes() {
            return bytes;
        }
    }

    /** Receive thread only. */
    void publish(long block, long addr, long finalBytes) {
        version++; // odd: an update is in progress (single writer, so ++ on a volatile is safe)
        blockId = block;
        address = addr;
        bytes = finalBytes;
        version++;
    }

    /** Receive thread only: nothing to report (no frame, several frames, or a payload kind that is not streamed). */
    void clear() {
        if (blockId != -1) {
            publish(-1, 0, 0);
        }
    }

    /** Fills {@code into} with a consistent reading; false while the receiver is updating (try again later). */
    public boolean read(View into) {
        long v1 = version;
        if ((v1 & 1) != 0) {
            return false;
        }
        long b = blockId;
        long a = address;
        long n = bytes;
        if (version != v1) {
            return false;
        }
        into.blockId = b;
        into.address = a;
        into.bytes = n;
        return true;
    }
}
