package io.gevgate.simulator.roce;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Test sink for the packetizer: keeps every committed packet as a byte array. */
final class CollectingSlots implements PacketSlots {
    final List<byte[]> packets = new ArrayList<>();
    private final MemorySegment seg = Arena.ofAuto().allocate(RocePacketizer.MAX_PACKET, 8);
    private final ByteBuffer view = seg.asByteBuffer();

    @Override
    public MemorySegment segment() {
        return seg;
    }

    @Override
    public ByteBuffer view() {
        return view;
    }

    @Override
    public int nextSlot() {
        return 0;
    }

    @Override
    public void commit(int offset, int length) {
        packets.add(seg.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
    }
}
