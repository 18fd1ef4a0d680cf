package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.roce.codec.FrameMetadata;
import io.gevgate.acquisition.roce.codec.InvariantCrc;
import io.gevgate.acquisition.roce.codec.RdmaImmediate;
import io.gevgate.acquisition.roce.codec.RoceFormatException;
import io.gevgate.acquisition.roce.codec.RoceOpcode;
import io.gevgate.acquisition.roce.codec.RocePacket;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The soft-RoCE receive state machine for one UC queue pair, independent of the socket (tests feed
 * it datagrams directly). Per packet: decode and ICRC check; PSN check (the PSN must be exactly the
 * expected one: a jump forward is a gap, anything behind is dropped, as a UC responder does);
 * placement at the RETH address after strict bounds checks (the whole write inside one page of the
 * flow named by the rkey, and that page free); on the RDMA WRITE ONLY with immediate: read the
 * metadata record and close the frame, COMPLETE only if nothing was lost or discarded and the
 * record agrees (first/last PSN, bytes, CRC, sequence).
 *
 * <p>Frame tracking: a frame opens at the first packet after the previous completion and belongs to
 * one page; data for another page before the completion means the completion was lost, so the old
 * frame closes as {@link RoceFrameStatus#COMPLETION_LOST} and a new one opens.
 *
 * <p>Receive thread only, except {@link #poll}/{@link #take} (consumer thread).
 */
public final class RoceFrameAssembler {
    private enum Msg { IDLE, ACTIVE }

    private final RdmaProfile profile;
    private final RegisteredPages pages;
    private final RoceCounters counters;
    private final boolean checkIcrc;
    private final boolean deliverIncomplete;
    private final long frameTimeoutNanos;
    private final RocePacket packet = new RocePacket();
    private final InvariantCrc icrc;
    private final FrameMetadata metadata = new FrameMetadata();
    private final CRC32 frameCrc = new CRC32();
    private final RoceFrame[] frames;
    private final ArrayBlockingQueue<RoceFrame> ready;
    private final int[] rkeys;
    private final long[] bases;
    private final long[] pageSizes;
    private final long[] regionSizes;

    // PSN tracking
    private int expectedPsn = -1;
    // the open frame
    private boolean open;
    private int framePage = -1;
    private int frameStartPsn;
    private long frameBytes;
    private int framePackets;
    private int frameMissing;
    private boolean frameDamaged;
    private long lastPacketNanos;
    // the open multi-packet message (FIRST .. LAST)
    private Msg msg = Msg.IDLE;
    private int msgFlow;
    private long msgNext;
    private long msgEnd;

    public RoceFrameAssembler(RdmaProfile profile, RegisteredPages pages, RoceCounters counters, boolean checkIcrc,
            boolean deliverIncomplete, long frameTimeoutNanos) {
        if (pages.profile() != profile) {
            throw new IllegalArgumentException("pages registered for another profile");
        }
        this.profile = profile;
        this.pages = pages;
        this.counters = counters;
        this.checkIcrc = checkIcrc;
        this.deliverIncomplete = deliverIncomplete;
        this.frameTimeoutNanos = frameTimeoutNanos;
        this.icrc = new InvariantCrc(InvariantCrc.ipv4(profile.deviceIp()), InvariantCrc.ipv4(profile.hostIp()),
                profile.deviceSourcePort(), profile.udpPort());
        int n = profile.flowCount();
        rkeys = new int[n];
        bases = new long[n];
        pageSizes = new long[n];
        regionSizes = new long[n];
        for (int f = 0; f < n; f++) {
            rkeys[f] = profile.flow(f).rkey();
            bases[f] = profile.flow(f).baseAddress();
            pageSizes[f] = profile.flow(f).pageSize();
            regionSizes[f] = profile.regionSize(f);
        }
        frames = new RoceFrame[profile.pageCount()];
        for (int p = 0; p < frames.length; p++) {
            frames[p] = new RoceFrame(pages, p);
        }
        // capacity = pages: each page is queued at most once, so offer never fails
        ready = new ArrayBlockingQueue<>(profile.pageCount());
    }

    public RoceCounters counters() {
        return counters;
    }

    /**
     * One datagram: {@code seg} and {@code buf} view the same memory ({@code buf} positions are
     * segment offsets); the packet is at {@code [offset, offset + length)}.
     */
    public void onDatagram(MemorySegment seg, ByteBuffer buf, int offset, int length, long now) {
        counters.increment(RoceCounter.PACKETS_RECEIVED);
        counters.add(RoceCounter.BYTES_RECEIVED, length);
        RocePacket p;
        try {
            p = packet.wrap(buf, offset, length, profile.queuePair(), profile.pathMtu(), checkIcrc ? icrc : null);
        } catch (RoceFormatException e) {
            counters.increment(RoceCounters.forError(e.error()));
            return;
        }
        if (!checkPsn(p.psn())) {
            return;
        }
        lastPacketNanos = now;
        if (!open) {
            openFrame(p.psn());
        }
        int op = p.opcode();
        if (op == RoceOpcode.UC_RDMA_WRITE_ONLY_WITH_IMMEDIATE) {
            onCompletion(seg, p, now);
        } else if (op == RoceOpcode.UC_RDMA_WRITE_LAST_WITH_IMMEDIATE) {
            // the profile carries completions only as WRITE ONLY with immediate (with the metadata)
            counters.increment(RoceCounter.PROFILE_VIOLATION);
            frameDamaged = true;
            msg = Msg.IDLE;
        } else {
            onData(seg, p, now);
        }
    }

    /** Closes a frame that stopped receiving packets (call between batches). */
    public void onTick(long now) {
        if (open && now - lastPacketNanos > frameTimeoutNanos) {
            counters.increment(RoceCounter.FRAMES_TIMED_OUT);
            closeIncomplete(RoceFrameStatus.PACKETS_MISSING, -1, 0, now);
        }
    }

    public boolean hasOpenFrame() {
        return open;
    }

    private boolean checkPsn(int psn) {
        if (expectedPsn < 0) {
            expectedPsn = psn; // the first packet seen synchronises (UC: rq_psn is whatever arrives first)
        }
        int ahead = (psn - expectedPsn) & RocePacket.PSN_MASK;
        if (ahead >= 0x80_0000) { // behind: duplicate or reordered; a UC responder never goes back
            counters.increment(RoceCounter.LATE_PACKETS);
            return false;
        }
        if (ahead != 0) {
            counters.increment(RoceCounter.PSN_GAPS);
            counters.add(RoceCounter.PACKETS_MISSING, ahead);
            if (open) {
                frameMissing += ahead;
            } else {
                openFrame(psn);
                frameMissing = ahead;
            }
            msg = Msg.IDLE; // a lost packet may have been part of the open message
        }
        expectedPsn = (psn + 1) & RocePacket.PSN_MASK;
        return true;
    }

    private void openFrame(int psn) {
        open = true;
        framePage = -1;
        frameStartPsn = psn;
        frameBytes = 0;
        framePackets = 0;
        frameMissing = 0;
        frameDamaged = false;
        frameCrc.reset();
    }

    private void onData(MemorySegment seg, RocePacket p, long now) {
        int len = p.payloadLength();
        int flow;
        long va;
        if (RoceOpcode.startsMessage(p.opcode())) {
            flow = flowOf(p.rkey());
            if (flow < 0) {
                counters.increment(RoceCounter.UNKNOWN_RKEY);
                frameDamaged = true;
                msg = Msg.IDLE;
                return;
            }
            va = p.virtualAddress();
            long dma = p.dmaLength();
            if (!insideOnePage(flow, va, dma)) {
                counters.increment(RoceCounter.OUT_OF_BOUNDS);
                frameDamaged = true;
                msg = Msg.IDLE;
                return;
            }
            if (p.opcode() == RoceOpcode.UC_RDMA_WRITE_FIRST) {
                msg = Msg.ACTIVE;
                msgFlow = flow;
                msgEnd = va + dma;
            } else {
                msg = Msg.IDLE;
            }
        } else {
            if (msg != Msg.ACTIVE) {
                counters.increment(RoceCounter.ORPHAN_CONTINUATION);
                frameDamaged = true;
                return;
            }
            flow = msgFlow;
            va = msgNext;
            boolean last = p.opcode() == RoceOpcode.UC_RDMA_WRITE_LAST;
            if (last ? va + len != msgEnd : va + len >= msgEnd) {
                counters.increment(RoceCounter.OUT_OF_BOUNDS); // the message would overrun its RETH length
                frameDamaged = true;
                msg = Msg.IDLE;
                return;
            }
            if (last) {
                msg = Msg.IDLE;
            }
        }
        msgNext = va + len;
        int page = (int) ((va - bases[flow]) / pageSizes[flow]);
        if (flow == 0 && (va - bases[0]) % pageSizes[0] + len > profile.metadataOffset()) {
            counters.increment(RoceCounter.PROFILE_VIOLATION); // data may not cover the metadata record
            frameDamaged = true;
            msg = Msg.IDLE;
            return;
        }
        if (!claim(page, now)) {
            msg = Msg.IDLE;
            return;
        }
        long at = va - bases[flow];
        MemorySegment.copy(seg, p.payloadOffset(), pages.region(flow), at, len);
        counters.add(RoceCounter.PAYLOAD_BYTES_PLACED, len);
        frameBytes += len;
        framePackets++;
        ByteBuffer b = p.buffer();
        b.limit(p.payloadOffset() + len);
        b.position(p.payloadOffset());
        frameCrc.update(b);
        b.limit(b.capacity());
    }

    /** Binds the open frame to {@code page}, splitting the frame when the page changes. */
    private boolean claim(int page, long now) {
        if (framePage == page) {
            return true;
        }
        if (framePage >= 0) {
            // data for another page before this frame's completion: the completion was lost
            counters.increment(RoceCounter.PAGE_MISMATCH);
            closeIncomplete(RoceFrameStatus.COMPLETION_LOST, -1, 0, now);
            openFrame((expectedPsn - 1) & RocePacket.PSN_MASK); // this packet starts the new frame
        }
        RoceFrame f = frames[page];
        int s = f.state.get();
        if (s == RoceFrame.READY && ready.remove(f)) {
            counters.increment(RoceCounter.FRAMES_DROPPED_SLOW_CONSUMER);
            f.state.set(RoceFrame.FREE);
            s = RoceFrame.FREE;
        }
        if (s != RoceFrame.FREE) {
            counters.increment(RoceCounter.PAGE_BUSY);
            frameDamaged = true;
            return false;
        }
        framePage = page;
        return true;
    }

    private void onCompletion(MemorySegment seg, RocePacket p, long now) {
        int imm = p.immediate();
        int page = RdmaImmediate.page(imm);
        long va = p.virtualAddress();
        long expectedVa = bases[0] + (long) page * pageSizes[0] + profile.metadataOffset();
        if (p.rkey() != rkeys[0] || page >= frames.length || va != expectedVa
                || p.payloadLength() != FrameMetadata.LENGTH) {
            counters.increment(RoceCounter.PROFILE_VIOLATION);
            frameDamaged = true;
            return;
        }
        if (!claim(page, now)) { // a page change here splits the frame: see claim
            closeIncomplete(RoceFrameStatus.DAMAGED, -1, imm, now);
            return;
        }
        MemorySegment.copy(seg, p.payloadOffset(), pages.region(0), va - bases[0], FrameMetadata.LENGTH);
        RoceFrame f = frames[page];
        RoceFrameStatus status;
        long frameNumber = -1;
        try {
            metadata.wrap(f.metadata());
            frameNumber = metadata.frameNumber();
            f.firstDataTimestamp = metadata.firstDataTimestamp();
            f.metadataTimestamp = metadata.recordTimestamp();
            if (frameMissing > 0) {
                status = RoceFrameStatus.PACKETS_MISSING;
            } else if (frameDamaged) {
                status = RoceFrameStatus.DAMAGED;
            } else if ((metadata.flags() & FrameMetadata.FLAG_DEVICE_ERROR) != 0) {
                status = RoceFrameStatus.DEVICE_ERROR;
            } else if (metadata.firstPsn() != frameStartPsn || metadata.lastPsn() != p.psn()
                    || metadata.bytesWritten() != frameBytes || metadata.packetCount() != framePackets
                    || metadata.crc() != (int) frameCrc.getValue() || !RdmaImmediate.matches(imm, frameNumber)) {
                counters.increment(RoceCounter.METADATA_MISMATCH);
                status = RoceFrameStatus.METADATA_MISMATCH;
            } else {
                status = RoceFrameStatus.COMPLETE;
            }
        } catch (RoceFormatException e) {
            counters.increment(RoceCounter.METADATA_MISMATCH);
            status = RoceFrameStatus.METADATA_MISMATCH;
        }
        if (status == RoceFrameStatus.COMPLETE) {
            counters.increment(RoceCounter.FRAMES_COMPLETE);
            deliver(f, status, frameNumber, imm, now);
            open = false;
        } else {
            closeIncomplete(status, frameNumber, imm, now);
        }
    }

    private void closeIncomplete(RoceFrameStatus status, long frameNumber, int imm, long now) {
        counters.increment(RoceCounter.FRAMES_INCOMPLETE);
        if (framePage >= 0 && deliverIncomplete) {
            deliver(frames[framePage], status, frameNumber, imm, now);
        } else {
            counters.increment(RoceCounter.FRAMES_NOT_DELIVERED);
        }
        open = false;
        framePage = -1;
        msg = Msg.IDLE;
    }

    private void deliver(RoceFrame f, RoceFrameStatus status, long frameNumber, int imm, long now) {
        f.status = status;
        f.frameNumber = frameNumber;
        f.immediate = imm;
        f.bytesWritten = frameBytes;
        f.packets = framePackets;
        f.packetsMissing = frameMissing;
        f.receivedNanos = now;
        f.state.set(RoceFrame.READY);
        ready.offer(f);
        framePage = -1;
    }

    private int flowOf(int rkey) {
        for (int f = 0; f < rkeys.length; f++) {
            if (rkeys[f] == rkey) {
                return f;
            }
        }
        return -1;
    }

    /** The write {@code [va, va + length)} lies inside one page of {@code flow}'s region. */
    private boolean insideOnePage(int flow, long va, long length) {
        long off = va - bases[flow];
        if (va < bases[flow] || off >= regionSizes[flow] || length < 1 || length > pageSizes[flow]) {
            return false;
        }
        return off / pageSizes[flow] == (off + length - 1) / pageSizes[flow];
    }

    /** A finished frame if one is waiting; the caller must {@link RoceFrame#release()} it. */
    public RoceFrame poll() {
        RoceFrame f = ready.poll();
        if (f != null) {
            f.state.set(RoceFrame.HELD);
        }
        return f;
    }

    public RoceFrame take(long timeout, TimeUnit unit) throws InterruptedException {
        RoceFrame f = ready.poll(timeout, unit);
        if (f != null) {
            f.state.set(RoceFrame.HELD);
        }
        return f;
    }

    public int framesWaiting() {
        return ready.size();
    }
}
