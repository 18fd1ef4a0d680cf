package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.roce.codec.FrameMetadata;
import io.gevgate.acquisition.roce.codec.InvariantCrc;
import io.gevgate.acquisition.roce.codec.RdmaImmediate;
import io.gevgate.acquisition.roce.codec.RoceFormatException;
import io.gevgate.linux.verbs.RdmaUnavailableException;
import io.gevgate.linux.verbs.VerbsException;
import io.gevgate.linux.verbs.VerbsLayouts;
import io.gevgate.linux.verbs.VerbsSession;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The verbs engine: the NIC places the device's RDMA WRITEs itself; this class sets up a
 * receive-only UC queue pair ({@link VerbsSession}), registers one memory region per flow (host
 * memory here; GPU memory through {@link VerbsSession#registerDmaBuf} once the GPU path supplies a
 * dma-buf fd), and turns each write-with-immediate completion into a {@link RoceFrame}: the page
 * from the immediate, COMPLETE when the metadata record is readable and its frame number matches
 * the immediate's sequence. HARDWARE-UNVERIFIED: no RDMA device was available; on a host without
 * one, {@link #start} throws {@link RdmaUnavailableException} ("no RDMA device: …").
 *
 * <p>Limitation: the NIC drops a UC message with a PSN error silently, so a lost packet in the
 * middle of a frame shows only as a CRC mismatch; the verbs engine checks the sequence and the
 * record, not the CRC (the pages may be GPU memory).
 */
public final class VerbsReceiver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VerbsReceiver.class.getName());
    private static final int RECEIVES = 256;

    private final VerbsSession session;
    private final RdmaProfile profile;
    private final RegisteredPages pages;
    private final RoceCounters counters = new RoceCounters();
    private final RoceFrame[] frames;
    private final ArrayBlockingQueue<RoceFrame> ready;
    private final VerbsCompletion completion = new VerbsCompletion();
    private final FrameMetadata metadata = new FrameMetadata();
    private final Thread thread;
    private volatile boolean running = true;

    private VerbsReceiver(VerbsSession session, RdmaProfile profile, RegisteredPages pages) {
        this.session = session;
        this.profile = profile;
        this.pages = pages;
        this.frames = new RoceFrame[profile.pageCount()];
        for (int p = 0; p < frames.length; p++) {
            frames[p] = new RoceFrame(pages, p);
        }
        this.ready = new ArrayBlockingQueue<>(profile.pageCount());
        this.thread = Thread.ofPlatform().name("verbs-rx").daemon(true).unstarted(this::run);
    }

    /**
     * Opens {@code device} (null = first), registers host pages laid out like {@code template}
     * (IOVA = each flow's base address), creates the QP and moves it to RTR towards the device's
     * IPv4-mapped GID. {@link #profile()} then holds the QP number and rkeys the NIC assigned: the
     * values to program into the device's Rdma* features.
     */
    public static VerbsReceiver start(RdmaProfile template, String device, int port) throws RdmaUnavailableException,
            VerbsException {
        VerbsSession s = VerbsSession.open(device, port, 2 * RECEIVES);
        try {
            RegisteredPages hostPages = RegisteredPages.allocate(template);
            List<RdmaFlowTarget> flows = new ArrayList<>();
            for (int f = 0; f < template.flowCount(); f++) {
                int[] keys = s.registerHost(hostPages.region(f), template.flow(f).baseAddress());
                flows.add(new RdmaFlowTarget(keys[1], template.flow(f).baseAddress(), template.flow(f).pageSize()));
            }
            int sgid = s.findRoceV2Gid(InvariantCrc.ipv4(template.hostIp()));
            int qpn = s.createQueuePair(RECEIVES);
            s.toReadyToReceive(template.pathMtu(), ipv4MappedGid(template.deviceIp()), sgid, 0, 0);
            RdmaProfile actual = new RdmaProfile(qpn, template.pathMtu(), template.pageCount(), flows,
                    template.deviceIp(), template.deviceSourcePort(), template.hostIp(), template.udpPort());
            VerbsReceiver r = new VerbsReceiver(s, actual, new RegisteredPages(actual, regions(hostPages, template)));
            r.thread.start();
            return r;
        } catch (RdmaUnavailableException | VerbsException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static MemorySegment[] regions(RegisteredPages p, RdmaProfile profile) {
        MemorySegment[] r = new MemorySegment[profile.flowCount()];
        for (int f = 0; f < r.length; f++) {
            r[f] = p.region(f);
        }
        return r;
    }

    /** {@code ::ffff:a.b.c.d}, the RoCEv2 GID of an IPv4 address. */
    public static byte[] ipv4MappedGid(String ipv4) {
        int ip = InvariantCrc.ipv4(ipv4);
        byte[] gid = new byte[16];
        gid[10] = (byte) 0xFF;
        gid[11] = (byte) 0xFF;
        gid[12] = (byte) (ip >>> 24);
        gid[13] = (byte) (ip >>> 16);
        gid[14] = (byte) (ip >>> 8);
        gid[15] = (byte) ip;
        return gid;
    }

    public RdmaProfile profile() {
        return profile;
    }

    public RoceCounters counters() {
        return counters;
    }

    public RoceFrame take(long timeout, TimeUnit unit) throws InterruptedException {
        RoceFrame f = ready.poll(timeout, unit);
        if (f != null) {
            f.state.set(RoceFrame.HELD);
        }
        return f;
    }

    private void run() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment wcs = a.allocate(VerbsLayouts.WC, 32);
            while (running) {
                int n = session.awaitCompletions(wcs, 32);
                for (int i = 0; i < n; i++) {
                    onCompletion(completion.decode(wcs, i));
                }
            }
        } catch (VerbsException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "verbs receive loop stopped", e);
        }
    }

    /** One work completion: a frame on success, a counted error otherwise; reposts the receive. */
    void onCompletion(VerbsCompletion c) throws VerbsException {
        counters.increment(RoceCounter.PACKETS_RECEIVED);
        if (c.kind() != VerbsCompletion.Kind.FRAME) {
            counters.increment(RoceCounter.PROFILE_VIOLATION);
        } else if (c.page() >= frames.length) {
            counters.increment(RoceCounter.OUT_OF_BOUNDS);
        } else {
            RoceFrame f = frames[c.page()];
            if (f.state.get() == RoceFrame.READY && ready.remove(f)) {
                counters.increment(RoceCounter.FRAMES_DROPPED_SLOW_CONSUMER);
            }
            RoceFrameStatus status;
            try {
                metadata.wrap(f.metadata());
                f.frameNumber = metadata.frameNumber();
                f.bytesWritten = metadata.bytesWritten();
                f.packets = metadata.packetCount();
                f.firstDataTimestamp = metadata.firstDataTimestamp();
                f.metadataTimestamp = metadata.recordTimestamp();
                status = !RdmaImmediate.matches(c.immediate(), f.frameNumber) ? RoceFrameStatus.METADATA_MISMATCH
                        : (metadata.flags() & FrameMetadata.FLAG_DEVICE_ERROR) != 0 ? RoceFrameStatus.DEVICE_ERROR
                        : RoceFrameStatus.COMPLETE;
            } catch (RoceFormatException e) {
                status = RoceFrameStatus.METADATA_MISMATCH;
                f.frameNumber = -1;
            }
            counters.increment(status.isComplete() ? RoceCounter.FRAMES_COMPLETE : RoceCounter.FRAMES_INCOMPLETE);
            f.status = status;
            f.immediate = c.immediate();
            f.receivedNanos = System.nanoTime();
            f.state.set(RoceFrame.READY);
            ready.offer(f);
        }
        session.postReceive(c.wrId());
    }

    @Override
    public void close() {
        running = false;
        // the loop blocks in ibv_get_cq_event; destroying the resources wakes it with an error
        session.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
