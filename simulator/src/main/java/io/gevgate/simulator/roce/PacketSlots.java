package io.gevgate.simulator.roce;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Where the packetizer builds packets: a slot in a shared segment (and a byte-buffer view of the
 * same memory), committed once the packet is complete. The emitter's slots are a
 * {@code DatagramRing}; tests collect packets into a pcap.
 */
public interface PacketSlots {
    MemorySegment segment();

    ByteBuffer view();

    /** Offset of a free slot of at least {@link RocePacketizer#MAX_PACKET} bytes. */
    int nextSlot();

    /** The packet at {@code offset} is complete. */
    void commit(int offset, int length);
}
