package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.frames.AcquiredFrame;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameProgress;
import io.gevgate.bridge.convert.ConversionException;
import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.bridge.cuframes.PublisherConfig;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.linux.ThreadScheduling;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.stream.SimulatedStreamChannel;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The main job: camera → conversion → cuframes. {@link #run()} connects to the camera (or starts
 * the built-in simulator), streams, converts every COMPLETE frame into a ring slot and publishes
 * it with the camera timestamp as pts and a seq that only grows. Incomplete frames and block-id
 * gaps are counted, never published. When the heartbeat reports the camera lost, the session is
 * abandoned and re-opened with exponential backoff; the publisher (ring, key, subscribers) stays.
 *
 * <p>The publisher is created on the first complete frame, from the geometry the camera actually
 * sends (leader width, height, pixel format). Frames of another geometry later (a camera
 * reconfigured behind our back) are counted as mismatched and skipped: subscribers keep the
 * geometry they mapped.
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    /** Why {@link #run()} returned. */
    public enum Outcome { FRAME_LIMIT, DURATION_LIMIT, STOPPED }

    private final GatewayOptions o;
    private final GatewayStats stats = new GatewayStats();
    private final String key;
    private final ConversionPath path;
    private volatile boolean stopRequested;
    private volatile CuframesPublisher publisher;
    private volatile CameraSession session;
    private volatile String state = "starting";
    private SlotWriter writer;
    /** Acquired by the preload hook for the frame on the wire, not yet written/published; gateway thread only. */
    private CuframesPublisher.AcquiredSlot earlySlot;
    private SimulatedDevice sim;
    private SimulatedStreamChannel simStream;
    private int geometryPfnc;
    private long lastBlockId = -1;
    private long lastPublishedBlockId = -1;
    private boolean lastExtended;
    private final RateMeter meter = new RateMeter();
    /** Reused views onto the current RDMA frame's image part (pump thread only). */
    private final GenDcImageSource genDcImage = new GenDcImageSource();
    private long lastLatencyTotal;
    private long lastPublished;

    public Gateway(GatewayOptions options) {
        this.o = options;
        this.key = options.effectiveKey();
        // decided before touching anything: --device without that device fails here, in one line
        this.path = ConversionPath.choose(options.gpuDevice, options.noGpu, io.gevgate.bridge.gpu.GpuRuntime::probe);
        LOG.log(System.Logger.Level.INFO, "gateway '" + key + "': " + path.reason());
    }

    /** The conversion back-end chosen at construction (GPU or CPU, and why). */
    public ConversionPath conversionPath() {
        return path;
    }

    public String key() {
        return key;
    }

    /**
     * Frames whose first part the writer moved while they were still arriving (GPU path, GVSP,
     * ADAPTIVE or SPIN hand-off); 0 before the writer exists.
     */
    public long preloadedFrames() {
        SlotWriter w = writer;
        return w == null ? 0 : w.preloadedFrames();
    }

    /** Bytes of published frames that were already on the device when they completed (GPU path), in total. */
    public long preloadedPrefixBytes() {
        return writer instanceof GpuSlotWriter g ? g.preloadedPrefixBytes() : 0;
    }

    public GatewayStats stats() {
        return stats;
    }

    /** The publisher once the first frame arrived, else null. */
    public CuframesPublisher publisher() {
        return publisher;
    }

    /** Asks {@link #run()} to finish: acquisition stopped, control released, ring shut down. */
    public void requestStop() {
        stopRequested = true;
    }

    private InetAddress cameraAddress() {
        if (o.camera != null) {
            return o.camera;
        }
        try {
            return InetAddress.getByName(o.simAddress);
        } catch (UnknownHostException e) {
            throw new GatewayException("simulator address: " + e.getMessage(), e);
        }
    }

    /** Starts the built-in simulated camera (BayerRG8 unless a pixel format is given). */
    private void startSimulator(InetAddress address) {
        try {
            sim = SimulatedDevice.start(SimulatorConfig.defaults(address));
        } catch (RuntimeException e) {
            throw new GatewayException("cannot start the built-in simulator on " + address.getHostAddress()
                    + ":3956 (" + e.getMessage() + "); is another simulator or gateway running? Use --camera or --sim-address", e);
        }
        simStream = SimulatedStreamChannel.attach(sim);
        if (o.pixelFormat == null) {
            o.pixelFormat = "BayerRG8";
        }
    }

    /**
     * Runs until a limit is reached or {@link #requestStop()}; the first connection must succeed
     * (else {@link GatewayException}), later losses are reconnected.
     */
    public Outcome run() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = o.maxDuration == null ? Long.MAX_VALUE : start + o.maxDuration.toNanos();
        InetAddress address = cameraAddress();
        if (o.camera == null) {
            startSimulator(address);
        }
        Duration backoff = o.reconnectMin;
        LatencyThreadSetup self = new LatencyThreadSetup(o.realtimePriority, o.gatewayCpu);
        List<Integer> affinity = self.active() ? ThreadScheduling.currentAffinity() : List.of();
        if (self.active()) {
            self.applyToCurrentThread("gateway");
        }
        try {
            while (true) {
                Outcome done = limit(deadline);
                if (done != null) {
                    return done;
                }
                CameraSession s;
                state = stats.connects() == 0 ? "connecting" : "reconnecting";
                try {
                    s = CameraSession.open(address, o);
                } catch (GatewayException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (stats.connects() == 0) {
                        throw new GatewayException("camera " + address.getHostAddress() + ": " + e.getMessage(), e);
                    }
                    stats.connectFailures.incrementAndGet();
                    state = "camera lost, retry in " + backoff.toMillis() + " ms";
                    sleepBounded(backoff, deadline);
                    backoff = backoff.multipliedBy(2).compareTo(o.reconnectMax) > 0 ? o.reconnectMax : backoff.multipliedBy(2);
                    continue;
                }
                backoff = o.reconnectMin;
                session = s;
                SlotWriter.FrameMemory frameMemory = SlotWriter.FrameMemory.NONE;
                try {
                    int[] fmt = s.imageFormat();
                    preparePublisher(fmt[0], fmt[1], fmt[2]);
                    frameMemory = registerFrameMemory(s);
                    if (stats.connects() == 0 && !awaitSubscribers(deadline)) {
                        continue; // stopped or out of time while waiting
                    }
                    lastBlockId = -1;          // a reconnected camera may restart its block ids
                    lastPublishedBlockId = -1;
                    s.stream().startAcquisition();
                    stats.connects.incrementAndGet();
                    state = "streaming";
                    pump(s, deadline);
                } finally {
                    // before the session (and the receiver's memory) goes; every frame was awaited
                    frameMemory.close();
                    if (s.lost()) {
                        stats.cameraLosses.incrementAndGet();
                        LOG.log(System.Logger.Level.WARNING, "camera lost: " + s.lostEvent());
                    }
                    stats.resendRequestsClosedSessions.addAndGet(s.resendRequests());
                    stats.receiverDropsClosedSessions.addAndGet(s.receiverDrops());
                    session = null;
                    s.close();
                }
            }
        } finally {
            state = "stopped";
            if (self.active()) {
                self.restoreCurrentThread(affinity);
            }
        }
    }

    /** Pins this session's GVSP frame pool for the writer (GPU path); a failure only costs the copy. */
    private SlotWriter.FrameMemory registerFrameMemory(CameraSession s) {
        if (s.stream().isRdma()) {
            return SlotWriter.FrameMemory.NONE; // RDMA pages: a later step (submitDevice / registered pages)
        }
        try {
            return writer.registerFrameMemory(s.stream().receiver().frameBuffers());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "frame pool not registered with the " + writer.name()
                    + " writer (frames are staged by copy): " + e.getMessage());
            return SlotWriter.FrameMemory.NONE;
        }
    }

    private Outcome limit(long deadline) {
        if (stopRequested) {
            return Outcome.STOPPED;
        }
        if (o.maxFrames > 0 && stats.framesPublished() >= o.maxFrames) {
            return Outcome.FRAME_LIMIT;
        }
        if (System.nanoTime() - deadline >= 0) {
            return Outcome.DURATION_LIMIT;
        }
        return null;
    }

    private boolean awaitSubscribers(long deadline) throws InterruptedException {
        state = "waiting for " + o.waitForSubscribers + " subscriber(s)";
        while (publisher.subscriberCount() < o.waitForSubscribers) {
            if (limit(deadline) != null) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void sleepBounded(Duration d, long deadline) throws InterruptedException {
        long end = Math.min(System.nanoTime() + d.toNanos(), deadline);
        while (!stopRequested && System.nanoTime() < end) {
            TimeUnit.NANOSECONDS.sleep(Math.min(50_000_000L, Math.max(0, end - System.nanoTime())));
        }
    }

    private void pump(CameraSession s, long deadline) throws InterruptedException {
        Runnable whileReceiving = s.stream().isRdma() || !o.preload ? null : preloader(s);
        while (!s.lost() && limit(deadline) == null) {
            AcquiredFrame f = s.stream().next(100, TimeUnit.MILLISECONDS, whileReceiving);
            long taken = System.nanoTime();
            if (f == null) {
                Throwable failure = s.stream().receiverFailure();
                if (failure != null) {
                    throw new GatewayException((s.stream().isRdma() ? "RDMA" : "GVSP") + " receiver failed: "
                            + failure.getMessage(), failure);
                }
                continue;
            }
            try {
                handle(s, f, taken);
            } finally {
                f.release();
            }
        }
    }

    /**
     * Runs while the gateway thread is awake for a GVSP frame still on the wire (ADAPTIVE/SPIN
     * hand-off): hands the frame's final prefix to the writer, which may start moving it (the GPU
     * writer DMAs it in chunks). A failure there only ends preloading for this session: the frame
     * is then written whole at completion as before.
     */
    private Runnable preloader(CameraSession s) {
        FrameProgress.View view = new FrameProgress.View();
        io.gevgate.acquisition.gvsp.GvspReceiver receiver = s.stream().receiver();
        List<MemorySegment> buffers = receiver.frameBuffers();
        boolean needsSlot = writer.preloadNeedsSlot();
        boolean[] failed = {false};
        return () -> {
            if (failed[0] || !receiver.progress(view) || view.blockId() < 0 || view.bytes() == 0) {
                return;
            }
            MemorySegment buffer = null;
            for (MemorySegment b : buffers) {
                if (b.address() == view.address()) {
                    buffer = b;
                    break;
                }
            }
            if (buffer == null) {
                return; // not one of this session's buffers (cannot happen; never read unknown memory)
            }
            try {
                if (needsSlot && earlySlot == null) {
                    // the slot this frame will be written into, taken now: the oldest frame of the
                    // ring is invalidated one frame time earlier than it would be at completion
                    earlySlot = publisher.acquire();
                }
                writer.preload(view.blockId(), buffer, view.bytes(), needsSlot ? earlySlot : null);
            } catch (RuntimeException e) {
                failed[0] = true;
                LOG.log(System.Logger.Level.WARNING, "preloading frames while they arrive stopped for this session: "
                        + e.getMessage());
            }
        };
    }

    /**
     * One frame of either path: a GVSP {@link Frame} (leader geometry, row padding) or a GenDC
     * frame over RDMA (its first 2D image part, through {@link GenDcImageSource}). The rules are
     * the same: only complete frames of the published geometry, in increasing id order.
     */
    private void handle(CameraSession s, AcquiredFrame f, long takenNanos) {
        Frame gvsp = f instanceof Frame g ? g : null;
        // RDMA frame numbers are 64-bit like extended ids; -1 = the record never arrived
        boolean extended = gvsp == null || gvsp.extendedIds();
        if (f.frameId() >= 0) {
            noteBlockId(f.frameId(), extended);
        }
        if (!f.isComplete()) {
            stats.framesIncomplete.incrementAndGet();
            return;
        }
        long w;
        long h;
        int pfnc;
        long bytes;
        long pts;
        if (gvsp != null) {
            w = gvsp.width();
            h = gvsp.height();
            pfnc = gvsp.pixelFormat();
            bytes = gvsp.payloadSize();
            pts = s.ptsNanos(gvsp.timestamp(), gvsp.receivedNanos());
        } else {
            try {
                genDcImage.select(f);
            } catch (GenDcFormatException e) {
                stats.conversionErrors.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "frame " + f.frameId() + " has no usable image part: " + e.getMessage());
                return;
            }
            w = genDcImage.width();
            h = genDcImage.height();
            pfnc = genDcImage.pixelFormat();
            bytes = genDcImage.data().byteSize();
            pts = f.timestamp() != 0 ? f.timestamp() : f.receivedNanos(); // the RDMA record's time is already ns
        }
        stats.framesComplete.incrementAndGet();
        stats.bytesComplete.addAndGet(bytes);
        if (!ensurePublisher(w, h, pfnc)) {
            return;
        }
        if (lastPublishedBlockId >= 0 && !newer(f.frameId(), lastPublishedBlockId, extended)) {
            stats.framesLate.incrementAndGet();
            return;
        }
        // a slot taken while the frame arrived (preload) serves this frame, whichever it was for
        CuframesPublisher.AcquiredSlot slot = earlySlot != null ? earlySlot : publisher.acquire();
        earlySlot = null;
        long writeStart = System.nanoTime();
        try {
            if (gvsp != null) {
                writer.write(gvsp, slot);
            } else {
                writer.write(genDcImage.data(), genDcImage.strideBytes(), slot);
            }
        } catch (ConversionException e) {
            // the slot stays invalidated (seq = none); the next acquire reuses it
            stats.conversionErrors.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "frame " + f.frameId() + " not converted: " + e.getMessage());
            return;
        }
        // write() returned after the slot's bytes were complete (SlotWriter contract; the GPU
        // writer waited on this frame's own event): no context-wide synchronisation here.
        long writeEnd = System.nanoTime();
        long seq = publisher.publishWritten(pts);
        long now = System.nanoTime();
        lastPublishedBlockId = f.frameId();
        stats.recordLatency(now - f.receivedNanos());
        if (o.publishListener != null) {
            o.publishListener.published(seq, f.receivedNanos(), takenNanos, writeStart, writeEnd, now);
        }
        stats.framesPublished.incrementAndGet();
    }

    /** True when block {@code b} comes after {@code last} (16-bit ids wrap 65535 → 1; half the range is "ahead"). */
    static boolean newer(long b, long last, boolean extended) {
        if (extended) {
            return b > last;
        }
        long d = Math.floorMod(b - last, 65535L);
        return d > 0 && d < 32768;
    }

    /** Counts block ids that were skipped entirely (16-bit ids wrap 65535 → 1). */
    private void noteBlockId(long b, boolean extended) {
        if (lastBlockId >= 0 && extended == lastExtended) {
            long d = extended ? b - lastBlockId : Math.floorMod(b - lastBlockId, 65535L);
            if (extended ? d < 0 && d > -10_000 : d > 65535 - 10_000) {
                // an older frame, overtaken by a newer one: its id was counted as a gap then
                stats.blockIdGaps.decrementAndGet();
                return;
            }
            if (d <= 0 || d > 10_000) {
                lastBlockId = b; // the camera restarted its ids: no gap
                lastExtended = extended;
                return;
            }
            stats.blockIdGaps.addAndGet(d - 1);
        }
        lastBlockId = b;
        lastExtended = extended;
    }

    /** False when the frame does not have the published geometry (counted, not published). */
    private boolean ensurePublisher(long w, long h, int pfnc) {
        FrameGeometry g = writer.geometry();
        if (g.width() != w || g.height() != h || pfnc != geometryPfnc) {
            stats.framesMismatched.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Creates publisher and writer before the first acquisition (so no frame waits for the ring to
     * be set up), from the camera's configured image format. On a reconnect the ring stays; a
     * camera that now sends another format gets its frames counted as mismatched.
     */
    private void preparePublisher(int w, int h, int pfnc) {
        if (publisher != null) {
            if (writer.geometry().width() != w || writer.geometry().height() != h || pfnc != geometryPfnc) {
                LOG.log(System.Logger.Level.WARNING, "the camera came back with another image format ("
                        + w + "x" + h + " 0x" + Integer.toHexString(pfnc) + "): its frames are not published");
            }
            return;
        }
        InputLayout layout;
        try {
            layout = InputLayout.fromPfnc(pfnc);
        } catch (ConversionException e) {
            throw new GatewayException("--format: the camera streams a pixel format the gateway cannot convert: " + e.getMessage(), e);
        }
        FrameGeometry g = SlotWriters.geometry(o.format, layout, w, h, o.pitchAlignment);
        SlotWriter wr = o.slotWriterWrapper.apply(SlotWriters.create(new ConversionSpec(layout, w, h, o.matrix, o.range),
                o.format, g, path, o.cpuThreads));
        PublisherConfig.Builder b = PublisherConfig.builder(key, g.format(), w, h)
                .pitchAlignment(o.pitchAlignment)
                .ringSize(o.ringSize)
                .policy(o.policy, o.ackTimeoutMs)
                .memory(SlotWriters.slotMemory(path)) // CPU: memfd host mappings; GPU: VMM device pointers
                .cudaDevice(Math.max(0, path.device()))
                .shutdownHook(false);         // the gateway's own stop path shuts the ring down in order
        if (o.runtimeDir != null) {
            b.runtimeDir(o.runtimeDir);
        }
        try {
            publisher = CuframesPublisher.create(b.build());
        } catch (RuntimeException e) {
            wr.close();
            throw new GatewayException("cannot publish key '" + key + "': " + e.getMessage(), e);
        }
        writer = wr;
        geometryPfnc = pfnc;
        LOG.log(System.Logger.Level.INFO, "publishing '" + key + "': " + layout + " " + w + "x" + h + " -> " + g);
    }

    /** One status line: camera fps, MB/s, resends, drops, subscribers, publish latency (call once a second). */
    public synchronized String statusLine() {
        meter.sample(stats.framesComplete(), stats.bytesComplete());
        CameraSession s = session;
        long resends = stats.resendRequestsClosedSessions.get() + (s == null ? 0 : s.resendRequests());
        long receiverDrops = stats.receiverDropsClosedSessions.get() + (s == null ? 0 : s.receiverDrops());
        long published = stats.framesPublished();
        long latTotal = stats.publishLatencyNanosTotal();
        long n = published - lastPublished;
        double avgMs = n > 0 ? (latTotal - lastLatencyTotal) / 1e6 / n : 0;
        lastPublished = published;
        lastLatencyTotal = latTotal;
        CuframesPublisher p = publisher;
        return String.format("%s: %6.1f fps %7.2f MB/s | published %d | resends %d | drops %d (incomplete %d, gaps %d, late %d; no buffer %d)"
                        + " | subscribers %d | publish latency %.2f ms | %s | %s",
                key, meter.fps(), meter.megabytesPerSecond(), published, resends,
                stats.framesIncomplete() + stats.blockIdGaps() + stats.framesLate(), stats.framesIncomplete(),
                stats.blockIdGaps(), stats.framesLate(),
                receiverDrops, p == null ? 0 : p.subscriberCount(), avgMs, path.label(), state);
    }

    /** Releases the ring (header shut down, shm unlinked, socket removed) and the simulator. */
    @Override
    public void close() {
        CuframesPublisher p = publisher;
        if (p != null) {
            p.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (simStream != null) {
            simStream.close();
        }
        if (sim != null) {
            sim.close();
        }
    }
}
