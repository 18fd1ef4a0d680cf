package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.codec.GvspHeader;
import io.gevgate.acquisition.gvsp.codec.GvspLeader;
import io.gevgate.acquisition.gvsp.codec.GvspPacketFormat;
import io.gevgate.acquisition.gvsp.codec.GvspPayload;
import io.gevgate.acquisition.gvsp.codec.GvspStatus;
import io.gevgate.acquisition.gvsp.codec.GvspTrailer;

import io.gevgate.gendc.layout.ContainerHeader;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Cuts a block into GVSP packets: leader (id 0), data packets (1..n), trailer (n + 1), or one
 * ALL-IN packet. Any packet id can be rebuilt on its own from the retained block, which is what
 * the resend service does. Uses the same codec flyweights as the receiver.
 */
final class GvspPacketizer {
    private static final int IP_UDP = 28;

    private final BlockLayout layout;
    private final boolean ext;
    private final int headerSize;
    private final int dataFormat;
    private final int perPacket;
    private final boolean allIn;
    /** Variable containers: unit 0 (the descriptor) goes again, final, after the last unit. */
    private final boolean preliminary;
    private final int[] unitFirstPacket;
    private final int packetCount;
    private final GvspHeader header = new GvspHeader();
    private final GvspLeader leader = new GvspLeader();
    private final GvspTrailer trailer = new GvspTrailer();
    private final GvspPayload payload = new GvspPayload();

    GvspPacketizer(GvspEmitterConfig cfg, BlockLayout layout) {
        this.layout = layout;
        boolean needsExt = layout.kind == PayloadKind.MULTIPART || layout.kind == PayloadKind.GENDC;
        if (needsExt && !cfg.extendedIds()) {
            throw new IllegalArgumentException(layout.kind + " needs extended IDs (part count lives in the EI header)");
        }
        this.ext = cfg.extendedIds();
        this.headerSize = ext ? GvspHeader.EXTENDED_SIZE : GvspHeader.STANDARD_SIZE;
        this.dataFormat = switch (layout.kind) {
            case MULTIPART -> GvspPacketFormat.PAYLOAD_MULTIPART;
            case GENDC -> GvspPacketFormat.PAYLOAD_GENDC;
            default -> GvspPacketFormat.PAYLOAD_GENERIC;
        };
        int room = cfg.packetSize() - IP_UDP - headerSize;
        this.perPacket = room - GvspPayload.headerSize(dataFormat);
        int leaderSize = GvspLeader.requiredSize(layout.payloadType, layout.units.length);
        int trailerSize = GvspTrailer.requiredSize(layout.payloadType, layout.units.length);
        if (leaderSize > room || trailerSize > room || perPacket < 8) {
            throw new IllegalArgumentException("packet size " + cfg.packetSize() + " too small for " + layout.kind);
        }
        this.allIn = cfg.allIn() && !needsExt && layout.totalSize + leaderSize + trailerSize <= room;
        this.preliminary = cfg.genDcPreliminaryDescriptor() && layout.kind == PayloadKind.GENDC;
        int sent = layout.units.length + (preliminary ? 1 : 0);
        this.unitFirstPacket = new int[sent + 1];
        int id = 1;
        if (dataFormat == GvspPacketFormat.PAYLOAD_GENERIC) {
            unitFirstPacket[0] = 1;
            id += (int) ((layout.totalSize + perPacket - 1) / perPacket);
        } else {
            for (int u = 0; u < sent; u++) {
                unitFirstPacket[u] = id;
                id += (int) ((layout.units[sourceUnit(u)].length() + perPacket - 1) / perPacket);
            }
        }
        unitFirstPacket[sent] = id;
        this.packetCount = allIn ? 1 : id + 1;
    }

    /** The layout unit a sent unit carries: the extra last one (final descriptor) repeats unit 0. */
    private int sourceUnit(int sent) {
        return sent == layout.units.length ? 0 : sent;
    }

    /** Packets per block (ids 0..count-1). */
    int packetCount() {
        return packetCount;
    }

    boolean allIn() {
        return allIn;
    }

    /** Builds packet {@code pid} of {@code b} at {@code dst[off..]}; returns its length. */
    int write(StreamBlock b, int pid, MemorySegment dst, long off, boolean resend) {
        int last = packetCount - 1;
        int format;
        if (allIn) {
            format = GvspPacketFormat.ALL_IN;
        } else if (pid == 0) {
            format = GvspPacketFormat.LEADER;
        } else if (pid == last) {
            format = GvspPacketFormat.TRAILER;
        } else {
            format = dataFormat;
        }
        header.wrap(dst, off);
        int parts = format == GvspPacketFormat.LEADER && layout.kind == PayloadKind.MULTIPART ? layout.units.length : 0;
        if (ext) {
            header.writeExtended(GvspStatus.SUCCESS, resend ? GvspHeader.FLAG_RESEND : 0, format, parts, b.blockId, pid);
        } else {
            header.writeStandard(GvspStatus.SUCCESS, (int) b.blockId, format, pid);
        }
        long body = off + headerSize;
        return headerSize + switch (format) {
            case GvspPacketFormat.LEADER -> writeLeader(b, dst, body);
            case GvspPacketFormat.TRAILER -> writeTrailer(dst, body);
            case GvspPacketFormat.ALL_IN -> {
                int n = writeLeader(b, dst, body);
                n += writeTrailer(dst, body + n);
                MemorySegment.copy(b.payload, 0, dst, body + n, layout.totalSize);
                yield n + (int) layout.totalSize;
            }
            default -> writeData(b, pid, dst, body);
        };
    }

    /** An error packet refusing a resend (the block left the history). */
    int writeUnavailable(long blockId, long pid, MemorySegment dst, long off) {
        header.wrap(dst, off);
        if (ext) {
            return header.writeExtended(GvspStatus.PACKET_REMOVED_FROM_MEMORY, GvspHeader.FLAG_RESEND,
                    dataFormat, 0, blockId, pid);
        }
        return header.writeStandard(GvspStatus.PACKET_REMOVED_FROM_MEMORY, (int) blockId, dataFormat, (int) pid);
    }

    private int writeLeader(StreamBlock b, MemorySegment dst, long body) {
        leader.wrap(dst, body);
        BlockLayout.Unit first = layout.units[0];
        return switch (layout.kind) {
            case IMAGE, IMAGE_WITH_CHUNKS -> leader.writeImage(layout.payloadType, b.timestamp, first.pixelFormat(),
                    first.width(), first.height(), 0, 0, 0, 0);
            case CHUNK_DATA -> leader.writeChunk(layout.payloadType, b.timestamp);
            case RAW -> leader.writeRaw(layout.payloadType, b.timestamp, layout.totalSize);
            case JPEG -> leader.writeJpeg(layout.payloadType, b.timestamp, layout.totalSize, 1_000_000_000L, 0);
            case MULTIPART -> {
                int n = leader.writeMultipartBase(b.timestamp);
                for (int i = 0; i < layout.units.length; i++) {
                    BlockLayout.Unit u = layout.units[i];
                    leader.writePart(i, u.dataType(), u.length(), u.pixelFormat(), 0, 0, i, u.width(), u.height(),
                            0, 0, 0, 0);
                    n += GvspLeader.PART_INFO_SIZE;
                }
                yield n;
            }
            case GENDC -> leader.writeGenDc(b.timestamp, layout.totalSize,
                    preliminary ? GvspLeader.GENDC_FLAG_PRELIMINARY : 0, layout.descriptorSize);
        };
    }

    private int writeTrailer(MemorySegment dst, long body) {
        trailer.wrap(dst, body, 0);
        BlockLayout.Unit first = layout.units[0];
        return switch (layout.kind) {
            case IMAGE -> trailer.write(layout.payloadType, first.height());
            case IMAGE_WITH_CHUNKS -> {
                int n = trailer.write(layout.payloadType, first.height());
                yield n + trailer.writeChunkInfo(n, layout.totalSize, 1);
            }
            case CHUNK_DATA -> trailer.write(layout.payloadType, layout.totalSize);
            case MULTIPART -> {
                int n = trailer.writeMultipart(layout.units.length);
                for (int i = 0; i < layout.units.length; i++) {
                    BlockLayout.Unit u = layout.units[i];
                    trailer.writePart(i, u.dataType(), u.length(), u.height());
                }
                yield n;
            }
            default -> trailer.write(layout.payloadType, 0);
        };
    }

    private int writeData(StreamBlock b, int pid, MemorySegment dst, long body) {
        if (dataFormat == GvspPacketFormat.PAYLOAD_GENERIC) {
            long at = (long) (pid - 1) * perPacket;
            int n = (int) Math.min(perPacket, layout.totalSize - at);
            MemorySegment.copy(b.payload, at, dst, body, n);
            return n;
        }
        int u = 0;
        while (pid >= unitFirstPacket[u + 1]) {
            u++;
        }
        int src = sourceUnit(u);
        BlockLayout.Unit unit = layout.units[src];
        long within = (long) (pid - unitFirstPacket[u]) * perPacket;
        int n = (int) Math.min(perPacket, unit.length() - within);
        long data = body + GvspPayload.headerSize(dataFormat);
        payload.wrap(dst, body);
        if (dataFormat == GvspPacketFormat.PAYLOAD_MULTIPART) {
            payload.writeMultipart(u, 0, unit.offset() + within);
        } else {
            boolean firstOfFlow = pid == unitFirstPacket[u];
            boolean lastOfFlow = pid == unitFirstPacket[u + 1] - 1;
            int dataFlags = 0;
            if (src == 0) {
                int content = preliminary && u == 0 ? GvspPayload.GENDC_DESCRIPTOR_PRELIMINARY : GvspPayload.GENDC_DESCRIPTOR_FINAL;
                dataFlags = content << 6;
                if (firstOfFlow) {
                    dataFlags |= GvspPayload.GENDC_START_OF_DESCRIPTOR;
                }
                if (lastOfFlow) {
                    dataFlags |= GvspPayload.GENDC_END_OF_DESCRIPTOR;
                }
            }
            int flowFlags = (firstOfFlow ? GvspPayload.GENDC_FLOW_FIRST : 0) | (lastOfFlow ? GvspPayload.GENDC_FLOW_LAST : 0);
            payload.writeGenDc(n, within, dataFlags, flowFlags, src);
        }
        MemorySegment.copy(b.payload, unit.offset() + within, dst, data, n);
        long variableFields = ContainerHeader.VARIABLE_FIELDS;
        if (preliminary && u == 0 && within <= variableFields && variableFields < within + n) {
            dst.set(ValueLayout.JAVA_BYTE, data + variableFields - within, (byte) 1); // "DataSize may shrink"
        }
        return (int) (data - body) + n;
    }
}
