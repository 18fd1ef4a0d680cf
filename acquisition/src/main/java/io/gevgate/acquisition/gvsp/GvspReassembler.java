package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.gvsp.codec.GvspHeader;
import io.gevgate.acquisition.gvsp.codec.GvspLeader;
import io.gevgate.acquisition.gvsp.codec.GvspPacketDecoder;
import io.gevgate.acquisition.gvsp.codec.GvspPacketFormat;
import io.gevgate.acquisition.gvsp.codec.GvspPayload;
import io.gevgate.acquisition.gvsp.codec.GvspPayloadType;
import io.gevgate.acquisition.gvsp.codec.GvspStatus;
import io.gevgate.acquisition.gvsp.codec.GvspTrailer;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.layout.FlowTable;
import io.gevgate.gendc.read.FlowTableView;
import io.gevgate.gendc.write.ContainerSpec;

import java.lang.foreign.MemorySegment;

/**
 * The receiver's state machine, free of sockets and clocks so tests can drive it with synthetic
 * packets and synthetic time: {@link #onPacket} per datagram, {@link #onTick} after each batch
 * (resend requests, timeouts). Writes each payload packet straight to its final offset in the
 * frame buffer; allocates nothing per packet.
 *
 * <p>Loss handling follows Aravis' timing: a hole must be {@code initialPacketTimeout} old before
 * it is requested, a requested packet is asked for again after {@code packetTimeout}, each frame
 * has a resend budget, and a frame with no packet for {@code frameRetention} closes as TIMEOUT.
 * Frames are delivered as soon as they close (a newer frame may overtake an older one that is
 * still waiting for resends; consumers use {@link Frame#blockId()} for ordering).
 */
final class GvspReassembler {
    /** Blocks this close behind the newest are treated as late stragglers, not as new blocks. */
    static final int LATE_WINDOW = 100;
    /** Packets asked for beyond the highest id when a device goes quiet without a trailer. */
    static final int TAIL_WINDOW = 32;
    private static final int IP_UDP_OVERHEAD = 28;

    private final GvspPacketDecoder decoder = new GvspPacketDecoder();
    private final FramePool pool;
    private final FrameQueue queue;
    private final ReceiverCounters counters;
    private final PacketResendRequester requester;
    private final int packetSize;
    private final long capacity;
    private final int maxPackets;
    private final long initialNs;
    private final long packetTimeoutNs;
    private final long retentionNs;
    private final double resendRatio;
    private final int minBudget;
    private final long[] flowBase;
    private final long[] flowSize;
    private final FlowTableView flowTable;
    private final long flowTotal;
    private final FrameAssembly[] open;
    private int openCount;
    // what publishProgress last reported, to skip identical updates
    private long publishedBytes = -1;
    private long publishedBlock = -1;
    private long publishedAddress;
    private long newestBlock;
    private boolean anyBlock;
    private long lastNoBufferBlock = -1;
    /** Set once the device was seen marking resent packets; only then can late originals be told apart. */
    private boolean markedResends;

    GvspReassembler(GvspReceiverConfig cfg, FramePool pool, FrameQueue queue, ReceiverCounters counters) {
        this.pool = pool;
        this.queue = queue;
        this.counters = counters;
        this.requester = cfg.resendRequester();
        this.packetSize = cfg.packetSize();
        this.capacity = cfg.frameBufferBytes();
        this.maxPackets = maxPackets(cfg);
        this.initialNs = cfg.initialPacketTimeout().toNanos();
        this.packetTimeoutNs = cfg.packetTimeout().toNanos();
        this.retentionNs = cfg.frameRetention().toNanos();
        this.resendRatio = cfg.resendRatio();
        this.minBudget = cfg.minResendBudget();
        long[] sizes = cfg.genDcFlowSizes();
        if (sizes != null) {
            flowSize = sizes;
            flowBase = new long[sizes.length];
            long at = 0;
            for (int i = 0; i < sizes.length; i++) {
                flowBase[i] = at;
                at = at > capacity ? at : at + sizes[i]; // sizes are >= 0 and < 2^63: no wrap before the check
            }
            if (at > capacity) {
                throw new IllegalArgumentException("GenDC flows need " + at + " bytes, frame buffer has " + capacity);
            }
            flowTotal = at;
            // the table again as the gendc module's view: descriptors are validated against it
            MemorySegment table = MemorySegment.ofArray(new byte[(int) FlowTable.size(sizes.length)]);
            ContainerSpec.writeFlowTable(table, sizes);
            try {
                flowTable = new FlowTableView().wrap(table);
            } catch (GenDcFormatException e) {
                throw new IllegalArgumentException("GenDC flow sizes: " + e.getMessage(), e);
            }
        } else {
            flowSize = null;
            flowBase = null;
            flowTable = null;
            flowTotal = 0;
        }
        this.open = new FrameAssembly[pool.size()];
    }

    /** Packet ids a frame buffer can track: enough for the smallest data per packet (GenDC). */
    static int maxPackets(GvspReceiverConfig cfg) {
        long perPacket = Math.max(1, cfg.packetSize() - IP_UDP_OVERHEAD - GvspHeader.EXTENDED_SIZE - GvspPayload.GENDC_HEADER);
        long n = (cfg.frameBufferBytes() + perPacket - 1) / perPacket + 64;
        return (int) Math.min(n, 1L << 24);
    }

    static int maxFlows(GvspReceiverConfig cfg) {
        long[] sizes = cfg.genDcFlowSizes();
        return sizes == null ? 64 : Math.max(1, sizes.length);
    }

    int openFrames() {
        return openCount;
    }

    // ------------------------------------------------------------------ per packet

    void onPacket(MemorySegment seg, long off, int len, long now) {
        counters.increment(GvspCounter.PACKETS_RECEIVED);
        counters.add(GvspCounter.BYTES_RECEIVED, len);
        if (!decoder.decode(seg, off, len)) {
            counters.increment(GvspCounter.MALFORMED_PACKETS);
            return;
        }
        GvspHeader h = decoder.header();
        long blockId = h.blockId();
        boolean ext = h.extendedIds();
        long pidLong = h.packetId();
        FrameAssembly a = find(blockId);
        if (a == null) {
            if (decoder.errorStatus()) {
                counters.increment(GvspCounter.ERROR_STATUS_PACKETS);
                return;
            }
            if (isLate(blockId, ext)) {
                counters.increment(GvspCounter.LATE_PACKETS);
                return;
            }
            a = openFrame(blockId, ext, now);
            if (a == null) {
                return;
            }
        }
        a.lastNanos = now;
        if (decoder.errorStatus()) {
            counters.increment(GvspCounter.ERROR_STATUS_PACKETS);
            if (GvspStatus.endsResend(h.status()) && !a.resendDisabled) {
                a.resendDisabled = true;
                counters.increment(GvspCounter.RESEND_REFUSED);
            }
            return;
        }
        if (pidLong >= a.maxPackets) {
            counters.increment(GvspCounter.PACKET_ID_OUT_OF_RANGE);
            a.sizeMismatch = true;
            return;
        }
        int pid = (int) pidLong;
        if (a.isReceived(pid)) {
            counters.increment(GvspCounter.DUPLICATE_PACKETS);
            return;
        }
        if (a.isRequested(pid)) {
            boolean marked = ext ? (h.flags() & GvspHeader.FLAG_RESEND) != 0 : h.status() == GvspStatus.PACKET_RESEND;
            if (marked || !markedResends) {
                counters.increment(GvspCounter.RESENT_PACKETS_RECEIVED);
                a.frame.packetsResent++;
            } else if (a.resendUsed > 0) {
                // The original arrived after we asked for it (it was late, not lost): give the
                // budget back so a slow device cannot exhaust it without losing anything.
                a.resendUsed--;
                counters.increment(GvspCounter.LATE_ORIGINALS);
            }
            if (marked) {
                markedResends = true;
            }
        } else if (pid < a.highest) {
            counters.increment(GvspCounter.OUT_OF_ORDER_PACKETS);
        }
        if (!place(a, pid, seg, ext)) {
            return;
        }
        if (pid > a.highest + 1) {
            // A gap opened: its holes start ageing now (Aravis' initial-packet-timeout clock).
            for (int i = a.highest + 1; i < pid; i++) {
                if (a.holeSince[i] == 0) {
                    a.holeSince[i] = now;
                }
            }
            a.nextCheckNanos = Math.min(a.nextCheckNanos, now + initialNs);
        }
        a.markReceived(pid);
        if (pid > a.highest) {
            a.highest = pid;
        }
        if (a.complete()) {
            close(a, a.sizeMismatch ? FrameStatus.SIZE_MISMATCH : FrameStatus.COMPLETE, now);
        }
    }

    /** Writes the packet's content into the frame; false if the packet was ignored. */
    private boolean place(FrameAssembly a, int pid, MemorySegment seg, boolean ext) {
        Frame f = a.frame;
        int format = decoder.packetFormat();
        switch (format) {
            case GvspPacketFormat.LEADER -> {
                onLeader(a, decoder.leader());
                return true;
            }
            case GvspPacketFormat.TRAILER -> {
                onTrailer(a, pid, decoder.trailer());
                return true;
            }
            case GvspPacketFormat.ALL_IN -> {
                a.placedById = false;
                onLeader(a, decoder.leader());
                onTrailer(a, pid, decoder.trailer());
                return copy(a, seg, decoder.dataOffset(), 0, decoder.dataLength(), capacity);
            }
            case GvspPacketFormat.PAYLOAD_GENERIC, GvspPacketFormat.PAYLOAD_H264 -> {
                int perPacket = packetSize - IP_UDP_OVERHEAD - (ext ? GvspHeader.EXTENDED_SIZE : GvspHeader.STANDARD_SIZE)
                        - GvspPayload.headerSize(format);
                if (pid == 0) {
                    counters.increment(GvspCounter.UNEXPECTED_PACKETS); // id 0 belongs to the leader
                    return false;
                }
                if (decoder.dataLength() > perPacket) {
                    // Larger than the negotiated packet size: offsets of this block cannot be trusted.
                    counters.increment(GvspCounter.OUT_OF_BOUNDS_PACKETS);
                    a.sizeMismatch = true;
                    return true;
                }
                a.dataPerPacket = perPacket;
                return copy(a, seg, decoder.dataOffset(), (long) (pid - 1) * perPacket, decoder.dataLength(), capacity);
            }
            case GvspPacketFormat.PAYLOAD_MULTIPART, GvspPacketFormat.PAYLOAD_MULTI_ZONE -> {
                a.placedById = false;
                GvspPayload p = decoder.payload();
                if (format == GvspPacketFormat.PAYLOAD_MULTIPART && f.partCount > 0 && p.partId() >= f.partCount) {
                    counters.increment(GvspCounter.UNEXPECTED_PACKETS);
                }
                return copy(a, seg, decoder.dataOffset(), p.addressOffset(), decoder.dataLength(), capacity);
            }
            case GvspPacketFormat.PAYLOAD_GENDC -> {
                a.placedById = false;
                return placeGenDc(a, seg);
            }
            default -> {
                counters.increment(GvspCounter.UNEXPECTED_PACKETS);
                return true;
            }
        }
    }

    private boolean placeGenDc(FrameAssembly a, MemorySegment seg) {
        Frame f = a.frame;
        GvspPayload p = decoder.payload();
        int flow = p.genDcFlowId();
        long dest = p.genDcDestinationOffset();
        int len = decoder.dataLength();
        long base;
        long limit;
        if (flowBase != null) {
            if (flow >= flowBase.length) {
                counters.increment(GvspCounter.OUT_OF_BOUNDS_PACKETS);
                a.sizeMismatch = true;
                return true;
            }
            base = flowBase[flow];
            limit = flowSize[flow];
        } else {
            if (flow >= f.flowBase.length) {
                counters.increment(GvspCounter.OUT_OF_BOUNDS_PACKETS);
                a.sizeMismatch = true;
                return true;
            }
            base = 0;
            limit = capacity;
        }
        if (dest < 0 || dest > limit || len > limit - dest) {
            counters.increment(GvspCounter.OUT_OF_BOUNDS_PACKETS);
            a.sizeMismatch = true;
            return true;
        }
        if (flow >= f.flowCount) {
            for (int i = f.flowCount; i <= flow; i++) {
                f.flowBase[i] = flowBase != null ? flowBase[i] : Long.MAX_VALUE;
                f.flowExtent[i] = 0;
            }
            f.flowCount = flow + 1;
        }
        if (flowBase == null && dest < f.flowBase[flow]) {
            long oldEnd = f.flowBase[flow] == Long.MAX_VALUE ? dest : f.flowBase[flow] + f.flowExtent[flow];
            f.flowBase[flow] = dest;
            f.flowExtent[flow] = oldEnd - dest;
        }
        long end = base + dest + len;
        long flowEnd = end - f.flowBase[flow];
        if (flowEnd > f.flowExtent[flow]) {
            f.flowExtent[flow] = flowEnd;
        }
        int flags = p.genDcDataFlags();
        int content = flags >>> 6;
        if (flow == 0 && content != GvspPayload.GENDC_DESCRIPTOR_NONE) {
            // Variable containers: a preliminary descriptor first, the final one after the data,
            // both in flow 0. The final one wins whatever the arrival order (resends included):
            // its first packet resets the markers, later preliminary packets are not written.
            if (content == GvspPayload.GENDC_DESCRIPTOR_PRELIMINARY) {
                if (f.finalDescriptorSeen) {
                    counters.increment(GvspCounter.GENDC_PRELIMINARY_SUPERSEDED);
                    return true; // the packet id counts as received
                }
            } else if (!f.finalDescriptorSeen) {
                f.finalDescriptorSeen = true;
                f.descriptorStart = 0;
                f.descriptorEnd = 0;
            }
            if ((flags & GvspPayload.GENDC_START_OF_DESCRIPTOR) != 0) {
                f.descriptorStart = dest;
            }
            if ((flags & GvspPayload.GENDC_END_OF_DESCRIPTOR) != 0) {
                f.descriptorEnd = dest + len;
            }
        }
        return copy(a, seg, decoder.dataOffset(), base + dest, len, capacity);
    }

    private boolean copy(FrameAssembly a, MemorySegment seg, long from, long to, int len, long limit) {
        if (to < 0 || to > limit || len > limit - to) {
            counters.increment(GvspCounter.OUT_OF_BOUNDS_PACKETS);
            a.sizeMismatch = true;
            return true; // the id still counts as received; the frame closes as SIZE_MISMATCH
        }
        MemorySegment.copy(seg, from, a.frame.buffer(), to, len);
        counters.add(GvspCounter.PAYLOAD_BYTES, len);
        long end = to + len;
        if (end > a.extent) {
            a.extent = end;
        }
        return true;
    }

    private void onLeader(FrameAssembly a, GvspLeader l) {
        Frame f = a.frame;
        a.leaderSeen = true;
        int type = l.payloadType();
        f.payloadType = type;
        f.timestamp = l.timestamp();
        int base = GvspPayloadType.base(type);
        long announced = -1;
        int dataPerPacket = packetSize - IP_UDP_OVERHEAD - (f.extendedIds ? GvspHeader.EXTENDED_SIZE : GvspHeader.STANDARD_SIZE);
        long packets = -1;
        switch (base) {
            case GvspPayloadType.IMAGE, GvspPayloadType.EXTENDED_CHUNK, GvspPayloadType.MULTI_ZONE -> {
                f.pixelFormat = l.pixelFormat();
                f.width = l.sizeX();
                f.height = l.sizeY();
                f.offsetX = l.offsetX();
                f.offsetY = l.offsetY();
                f.paddingX = l.paddingX();
                f.paddingY = l.paddingY();
                long imageSize = PixelFormats.imageSize(f.pixelFormat, f.width, f.height, f.paddingX, f.paddingY);
                FramePart part = f.partSlot(0);
                part.dataType = 1;
                part.pixelFormat = f.pixelFormat;
                part.offset = 0;
                part.length = imageSize;
                part.sizeX = f.width;
                part.sizeY = f.height;
                part.offsetX = f.offsetX;
                part.offsetY = f.offsetY;
                part.paddingX = f.paddingX;
                part.paddingY = f.paddingY;
                part.sourceId = 0;
                part.dataPurposeId = 0;
                part.regionId = 0;
                f.partCount = 1;
                if (base == GvspPayloadType.IMAGE && !GvspPayloadType.hasChunks(type)) {
                    announced = imageSize;
                }
            }
            case GvspPayloadType.RAW, GvspPayloadType.FILE, GvspPayloadType.JPEG, GvspPayloadType.JPEG2000 ->
                    announced = GvspPayloadType.hasChunks(type) ? -1 : l.payloadSize();
            case GvspPayloadType.H264 -> {
                announced = l.payloadSize();
                dataPerPacket -= GvspPayload.H264_HEADER;
            }
            case GvspPayloadType.MULTIPART -> {
                int n = decoder.header().partCount();
                long at = 0;
                for (int i = 0; i < n; i++) {
                    FramePart part = f.partSlot(i);
                    part.dataType = l.partDataType(i);
                    part.pixelFormat = l.partPixelFormat(i);
                    part.offset = at;
                    part.length = l.partLength(i);
                    part.sizeX = l.partSizeX(i);
                    part.sizeY = l.partSizeY(i);
                    part.offsetX = l.partOffsetX(i);
                    part.offsetY = l.partOffsetY(i);
                    part.paddingX = l.partPaddingX(i);
                    part.paddingY = l.partPaddingY(i);
                    part.sourceId = l.partSourceId(i);
                    part.dataPurposeId = l.partDataPurposeId(i);
                    part.regionId = l.partRegionId(i);
                    at += part.length;
                    int perPart = dataPerPacket - GvspPayload.MULTIPART_HEADER;
                    packets = (packets < 0 ? 0 : packets) + (part.length + perPart - 1) / Math.max(1, perPart);
                }
                f.partCount = n;
                announced = at;
            }
            case GvspPayloadType.GENDC -> {
                announced = l.payloadSize();
                if (flowBase != null) {
                    // flows lie back to back in the buffer: their sum is what can be written
                    // (each flow is bounds-checked on its own), and what payload() shows
                    announced = Math.max(announced, flowTotal);
                }
                f.preliminaryDescriptor = l.genDcPreliminaryDescriptor();
                f.announcedDescriptorSize = l.genDcDescriptorSize();
                dataPerPacket -= GvspPayload.GENDC_HEADER;
                // descriptor packets and per-flow remainders add a few packets: allow slack
                packets = (announced + Math.max(1, dataPerPacket) - 1) / Math.max(1, dataPerPacket) + 16
                        + (flowBase != null ? flowBase.length : 0);
            }
            default -> {
            }
        }
        if (announced > capacity) {
            a.sizeMismatch = true;
        }
        a.announcedSize = announced;
        if (announced >= 0) {
            if (packets < 0) {
                packets = (announced + Math.max(1, dataPerPacket) - 1) / Math.max(1, dataPerPacket);
            }
            long last = Math.min(packets + 1, a.maxPackets - 1);
            if (!a.trailerSeen) {
                a.estimatedLast = (int) last;
            }
            a.resendBudget = budget((int) last + 1);
        }
    }

    private void onTrailer(FrameAssembly a, int pid, GvspTrailer t) {
        Frame f = a.frame;
        a.trailerSeen = true;
        a.lastPacketId = pid;
        a.estimatedLast = pid;
        if (a.highest > pid) {
            a.sizeMismatch = true; // packets beyond the trailer
        }
        int base = GvspPayloadType.base(t.payloadType());
        if (base == GvspPayloadType.IMAGE || base == GvspPayloadType.MULTI_ZONE || base == GvspPayloadType.EXTENDED_CHUNK) {
            f.trailerSizeY = t.sizeY();
        }
        f.chunkLayoutId = t.chunkLayoutId();
        if (!a.leaderSeen && f.payloadType == 0) {
            f.payloadType = t.payloadType();
        }
        a.resendBudget = Math.max(a.resendBudget, budget(pid + 1));
    }

    private int budget(int packets) {
        return Math.max(minBudget, (int) Math.ceil(packets * resendRatio));
    }

    // ------------------------------------------------------------------ frames

    private FrameAssembly find(long blockId) {
        for (int i = 0; i < openCount; i++) {
            if (open[i].frame.blockId == blockId) {
                return open[i];
            }
        }
        return null;
    }

    /** A block just behind the newest one (modulo the 16-bit wrap 65535 → 1) is a straggler. */
    private boolean isLate(long blockId, boolean ext) {
        if (!anyBlock) {
            return false;
        }
        long behind;
        if (ext) {
            behind = newestBlock - blockId;
        } else {
            behind = Math.floorMod(newestBlock - blockId, 65535L);
        }
        return behind >= 0 && behind <= LATE_WINDOW;
    }

    private FrameAssembly openFrame(long blockId, boolean ext, long now) {
        Frame f = pool.acquire();
        if (f == null && queue.dropOldest()) {
            // Every buffer waits in the hand-off queue: the consumer is behind. The newest data
            // wins, as with a full queue: the oldest delivered frame gives up its buffer.
            f = pool.acquire();
        }
        if (f == null) {
            if (blockId != lastNoBufferBlock) {
                lastNoBufferBlock = blockId;
                counters.increment(GvspCounter.FRAMES_DROPPED_NO_BUFFER);
            }
            return null;
        }
        for (int i = 0; i < openCount; i++) {
            FrameAssembly older = open[i];
            older.newerFrameSeen = true;
            older.nextCheckNanos = now;
        }
        newestBlock = blockId;
        anyBlock = true;
        resetFrame(f, blockId, ext);
        FrameAssembly a = f.assembly;
        a.reset(now, a.maxPackets - 1, budget(a.maxPackets));
        open[openCount++] = a;
        queue.receiving(openCount); // a frame is on the wire: an ADAPTIVE/SPIN consumer wakes now
        return a;
    }

    private static void resetFrame(Frame f, long blockId, boolean ext) {
        f.blockId = blockId;
        f.extendedIds = ext;
        f.timestamp = 0;
        f.status = null;
        f.payloadType = 0;
        f.payloadSize = 0;
        f.pixelFormat = 0;
        f.width = 0;
        f.height = 0;
        f.offsetX = 0;
        f.offsetY = 0;
        f.paddingX = 0;
        f.paddingY = 0;
        f.trailerSizeY = 0;
        f.chunkLayoutId = 0;
        f.partCount = 0;
        f.flowCount = 0;
        f.descriptorStart = 0;
        f.descriptorEnd = 0;
        f.finalDescriptorSeen = false;
        f.preliminaryDescriptor = false;
        f.announcedDescriptorSize = 0;
        f.genDc.reset();
        f.packetsReceived = 0;
        f.packetsResent = 0;
        f.packetsMissing = 0;
    }

    /**
     * Receive thread, once per batch: reports the final prefix of the one open frame (see
     * {@link FrameProgress}); nothing while several frames are open, as then the consumer's next
     * frame is not known.
     */
    void publishProgress(FrameProgress progress) {
        if (openCount != 1) {
            progress.clear();
            publishedBytes = -1; // the next single open frame is reported afresh
            return;
        }
        FrameAssembly a = open[0];
        long bytes = a.finalBytes(capacity);
        long address = a.frame.buffer().address();
        if (bytes != publishedBytes || a.frame.blockId != publishedBlock || address != publishedAddress) {
            publishedBytes = bytes;
            publishedBlock = a.frame.blockId;
            publishedAddress = address;
            progress.publish(publishedBlock, address, bytes);
        }
    }

    private void close(FrameAssembly a, FrameStatus status, long now) {
        Frame f = a.frame;
        if (status == FrameStatus.COMPLETE && a.announcedSize >= 0 && a.extent > a.announcedSize) {
            status = FrameStatus.SIZE_MISMATCH;
        }
        f.payloadSize = a.announcedSize >= 0 ? Math.min(a.announcedSize, capacity) : a.extent;
        if (status == FrameStatus.COMPLETE && f.isGenDc() && !validGenDc(f)) {
            status = FrameStatus.MALFORMED_PAYLOAD;
        }
        f.status = status;
        f.receivedNanos = now;
        f.packetsReceived = a.receivedCount;
        f.packetsMissing = Math.max(0, a.expectedCount() - a.receivedCount);
        a.state = FrameAssembly.State.CLOSED;
        counters.increment(switch (status) {
            case COMPLETE -> GvspCounter.FRAMES_COMPLETED;
            case MISSING_PACKETS -> GvspCounter.FRAMES_MISSING_PACKETS;
            case TIMEOUT -> GvspCounter.FRAMES_TIMED_OUT;
            case SIZE_MISMATCH -> GvspCounter.FRAMES_SIZE_MISMATCH;
            case ABORTED -> GvspCounter.FRAMES_ABORTED;
            case MALFORMED_PAYLOAD -> GvspCounter.FRAMES_MALFORMED_PAYLOAD;
        });
        for (int i = 0; i < openCount; i++) {
            if (open[i] == a) {
                open[i] = open[--openCount];
                open[openCount] = null;
                break;
            }
        }
        queue.receiving(openCount);
        queue.publish(f);
    }

    /**
     * Validates a complete GenDC frame's container (descriptor against the flow table), so a
     * consumer gets either a checked view or a typed reason. Under a microsecond and no
     * allocation for a valid container; runs once per frame, never per packet.
     */
    private boolean validGenDc(Frame f) {
        GenDcContainer c = f.genDc;
        if (flowBase != null && !c.flowsBound()) {
            c.bindFlows(flowTable, f.buffer(), flowBase, flowSize);
        }
        if (f.descriptorEnd <= f.descriptorStart) {
            c.fail(new GenDcFormatException(0, "descriptor", "GVSP GenDC packets marking the start and end of the "
                    + "descriptor in flow 0", "none"));
            return false;
        }
        if (f.preliminaryDescriptor && !f.finalDescriptorSeen) {
            c.fail(new GenDcFormatException(0, "descriptor", "a final descriptor after the preliminary one the GVSP "
                    + "leader announced", "only the preliminary descriptor"));
            return false;
        }
        // The leader's descriptor size is the preliminary descriptor's when it says so: the final
        // one may be shorter (trailing components omitted), so it is only checked otherwise.
        long announced = f.preliminaryDescriptor ? 0 : f.announcedDescriptorSize;
        // without a table the payload is one linear container (the slice is only made then)
        return c.validate(f.descriptorStart, announced, flowBase == null ? f.payload() : null);
    }

    // ------------------------------------------------------------------ time

    /** Resend requests and timeouts; call after every batch and every receive timeout. */
    void onTick(long now) {
        for (int i = 0; i < openCount; ) {
            FrameAssembly a = open[i];
            int before = openCount;
            tick(a, now);
            if (openCount == before) {
                i++;
            }
        }
    }

    private void tick(FrameAssembly a, long now) {
        long idle = now - a.lastNanos;
        if (idle >= retentionNs) {
            close(a, FrameStatus.TIMEOUT, now);
            return;
        }
        boolean canResend = requester != null && !a.resendDisabled;
        boolean deviceDone = a.trailerSeen || a.newerFrameSeen;
        if (!canResend) {
            if (deviceDone && idle >= initialNs) {
                close(a, a.sizeMismatch ? FrameStatus.SIZE_MISMATCH : FrameStatus.MISSING_PACKETS, now);
            }
            return;
        }
        int tail = tailUpper(a, idle);
        if (tail > a.tailUpTo) {
            // The device moved on to a newer block (ask for the whole tail), or stayed quiet for a
            // packet timeout as in Aravis (ask for a window only: a device that merely stalls
            // mid-frame must not make us spend the budget on packets that are still coming).
            a.tailUpTo = tail;
            a.touch(tail);
            a.nextCheckNanos = now;
        }
        if (now >= a.nextCheckNanos) {
            requestMissing(a, now);
        }
    }

    /** Highest id worth asking for while the trailer is missing. */
    private int tailUpper(FrameAssembly a, long idle) {
        if (a.trailerSeen) {
            return -1;
        }
        int last = Math.max(a.estimatedLast, a.highest);
        if (a.newerFrameSeen) {
            return last;
        }
        if (idle >= packetTimeoutNs) {
            return Math.min(last, a.highest + TAIL_WINDOW);
        }
        return -1;
    }

    private void requestMissing(FrameAssembly a, long now) {
        int upper = a.trailerSeen ? a.lastPacketId : Math.max(a.highest, a.tailUpTo);
        long nextDue = Long.MAX_VALUE;
        int rangeStart = -1;
        int rangeEnd = -1;
        int id = a.nextHole(a.prefix + 1, upper);
        while (id >= 0) {
            long since = a.holeSince[id];
            if (since == 0) {
                since = a.holeSince[id] = now;
            }
            long due = since + (a.isRequested(id) ? packetTimeoutNs : initialNs);
            if (now >= due) {
                if (rangeStart >= 0 && id == rangeEnd + 1) {
                    rangeEnd = id;
                } else {
                    if (rangeStart >= 0 && !send(a, rangeStart, rangeEnd, now)) {
                        return;
                    }
                    rangeStart = id;
                    rangeEnd = id;
                }
                nextDue = Math.min(nextDue, now + packetTimeoutNs);
            } else {
                nextDue = Math.min(nextDue, due);
            }
            id = id + 1 > upper ? -1 : a.nextHole(id + 1, upper);
        }
        if (rangeStart >= 0 && !send(a, rangeStart, rangeEnd, now)) {
            return;
        }
        a.nextCheckNanos = nextDue;
    }

    /** Sends one request; false when the budget is spent (resend then stops for this frame). */
    private boolean send(FrameAssembly a, int first, int last, long now) {
        int n = last - first + 1;
        int room = a.resendBudget - a.resendUsed;
        if (n > room) {
            // Ask for what the budget still allows (the front of the range, where the frame's
            // contiguous prefix continues), then stop asking for this frame.
            a.resendDisabled = true;
            counters.increment(GvspCounter.RESEND_BUDGET_EXHAUSTED);
            if (room > 0) {
                request(a, first, first + room - 1, now);
            }
            return false;
        }
        request(a, first, last, now);
        return true;
    }

    private void request(FrameAssembly a, int first, int last, long now) {
        int n = last - first + 1;
        a.resendUsed += n;
        for (int i = first; i <= last; i++) {
            a.markRequested(i);
            a.holeSince[i] = now;
        }
        counters.increment(GvspCounter.RESEND_REQUESTS);
        counters.add(GvspCounter.RESEND_PACKETS_REQUESTED, n);
        requester.requestResend(a.frame.blockId, first, last);
    }

    /** Closes every open frame as ABORTED (receiver shutdown). */
    void abortAll(long now) {
        while (openCount > 0) {
            close(open[openCount - 1], FrameStatus.ABORTED, now);
        }
    }
}
