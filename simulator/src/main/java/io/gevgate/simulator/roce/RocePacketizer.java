package io.gevgate.simulator.roce;

import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.codec.FrameMetadata;
import io.gevgate.acquisition.roce.codec.InvariantCrc;
import io.gevgate.acquisition.roce.codec.RdmaImmediate;
import io.gevgate.acquisition.roce.codec.RoceOpcode;
import io.gevgate.acquisition.roce.codec.RocePacket;
import io.gevgate.acquisition.roce.codec.RocePacketWriter;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.PartDataSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Device side of the profile: builds frame {@code n}'s GenDC container into per-flow staging
 * memory with the gendc writer, then cuts every flow into UC RDMA WRITE packets aimed at page
 * {@code n mod pageCount} of that flow's region, and ends the frame with one RDMA WRITE ONLY with
 * immediate carrying the metadata record. PSNs run on across frames.
 */
public final class RocePacketizer {
    public static final int MAX_PACKET = RocePacket.BTH_LENGTH + RocePacket.RETH_LENGTH + RocePacket.IMMDT_LENGTH
            + 4096 + RocePacket.ICRC_LENGTH;

    private final RdmaProfile profile;
    private final ContainerSpec spec;
    private final PartDataSource content;
    private final RocePacketMode mode;
    private final RocePacketWriter writer;
    private final MemorySegment[] staging;
    private final MemorySegment metadata;
    private final CRC32 crc = new CRC32();
    private final long[] flowBytes;
    private int psn;

    public RocePacketizer(RoceEmitterConfig config, int sourceIp, int sourcePort) {
        this.profile = config.profile();
        this.spec = config.container();
        this.mode = config.mode();
        this.writer = new RocePacketWriter(new InvariantCrc(sourceIp, InvariantCrc.ipv4(profile.hostIp()), sourcePort,
                profile.udpPort()));
        Arena arena = Arena.ofAuto();
        staging = new MemorySegment[spec.flowCount()];
        flowBytes = new long[spec.flowCount()];
        for (int f = 0; f < staging.length; f++) {
            flowBytes[f] = spec.flowSize(f);
            staging[f] = arena.allocate(Math.max(1, flowBytes[f]), 64);
        }
        metadata = arena.allocate(FrameMetadata.LENGTH, 8);
        PartDataSource given = config.content();
        this.content = given != null ? given : null;
        this.psn = config.firstPsn() & RocePacket.PSN_MASK;
    }

    /** The PSN the next packet gets. */
    public int nextPsn() {
        return psn;
    }

    public int pageOf(long frameNumber) {
        return (int) Math.floorMod(frameNumber, (long) profile.pageCount());
    }

    /** Data packets (without the completion) one frame takes. */
    public int dataPacketsPerFrame() {
        int n = 0;
        int mtu = profile.pathMtu();
        for (long b : flowBytes) {
            n += (int) ((b + mtu - 1) / mtu);
        }
        return n;
    }

    /** Writes frame {@code frameNumber} (GenDC container id = frame number) as packets into {@code out}. */
    public void emitFrame(long frameNumber, long timestampNs, PacketSlots out) {
        long stamp = timestampNs;
        PartDataSource source = content != null ? content : (c, p, target) -> pattern(frameNumber, c, p, target);
        spec.writeFlows(staging, source);
        spec.writeDescriptor(staging[0], frameNumber, stamp);
        int page = pageOf(frameNumber);
        int firstPsn = psn;
        int packets = 0;
        long bytes = 0;
        crc.reset();
        int mtu = profile.pathMtu();
        for (int f = 0; f < staging.length; f++) {
            long size = flowBytes[f];
            long va = profile.flow(f).baseAddress() + (long) page * profile.flow(f).pageSize();
            int rkey = profile.flow(f).rkey();
            long done = 0;
            while (done < size) {
                int len = (int) Math.min(mtu, size - done);
                int op;
                if (mode == RocePacketMode.WRITE_ONLY_PER_PACKET || size <= mtu) {
                    op = RoceOpcode.UC_RDMA_WRITE_ONLY;
                } else if (done == 0) {
                    op = RoceOpcode.UC_RDMA_WRITE_FIRST;
                } else if (done + len == size) {
                    op = RoceOpcode.UC_RDMA_WRITE_LAST;
                } else {
                    op = RoceOpcode.UC_RDMA_WRITE_MIDDLE;
                }
                long dma = op == RoceOpcode.UC_RDMA_WRITE_FIRST ? size : len;
                int slot = out.nextSlot();
                MemorySegment.copy(staging[f], done, out.segment(), slot + RocePacketWriter.payloadOffset(op), len);
                ByteBuffer b = out.view();
                int length = writer.finish(b, slot, op, profile.queuePair(), psn, va + done, rkey, dma, 0, len);
                b.limit(slot + RocePacketWriter.payloadOffset(op) + len);
                b.position(slot + RocePacketWriter.payloadOffset(op));
                crc.update(b);
                b.limit(b.capacity());
                out.commit(slot, length);
                psn = (psn + 1) & RocePacket.PSN_MASK;
                packets++;
                bytes += len;
                done += len;
            }
        }
        FrameMetadata.write(metadata, 0, firstPsn, psn, frameNumber, bytes, (int) crc.getValue(), packets,
                stamp, stamp, staging.length);
        int op = RoceOpcode.UC_RDMA_WRITE_ONLY_WITH_IMMEDIATE;
        int slot = out.nextSlot();
        MemorySegment.copy(metadata, 0, out.segment(), slot + RocePacketWriter.payloadOffset(op), FrameMetadata.LENGTH);
        long va = profile.flow(0).baseAddress() + (long) page * profile.flow(0).pageSize() + profile.metadataOffset();
        int length = writer.finish(out.view(), slot, op, profile.queuePair(), psn, va, profile.flow(0).rkey(),
                FrameMetadata.LENGTH, RdmaImmediate.encode(page, frameNumber), FrameMetadata.LENGTH);
        out.commit(slot, length);
        psn = (psn + 1) & RocePacket.PSN_MASK;
    }

    /** The default part content: reproducible from (frame, component, part, offset) alone. */
    public static void pattern(long frame, int component, int part, MemorySegment target) {
        long seed = frame * 0x9E3779B97F4A7C15L + component * 0x632BE59BD9B4E019L + part * 0x85EBCA77C2B2AE63L;
        long n = target.byteSize();
        long i = 0;
        for (; i + 8 <= n; i += 8) {
            target.set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, i, mix(seed + i));
        }
        for (; i < n; i++) {
            target.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) mix(seed + i));
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
