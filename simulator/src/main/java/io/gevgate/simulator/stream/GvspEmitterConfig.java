package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.PixelFormats;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.ObjLongConsumer;

/**
 * Settings of the simulated stream channel. A plain object: the GVCP simulator fills it from its
 * stream-channel registers (SCDA, SCP, SCPS, SCCFG) and feature registers later.
 */
public final class GvspEmitterConfig {
    private String destinationAddress = "127.0.0.1";
    private int destinationPort;
    private String sourceAddress = "127.0.0.1";
    private int sourcePort;
    private int packetSize = 1500;
    private boolean extendedIds;
    private boolean allIn;
    private PayloadKind payloadKind = PayloadKind.IMAGE;
    private int pixelFormat = PixelFormats.MONO8;
    private int width = 640;
    private int height = 480;
    private int rawSize = 1 << 20;
    private double frameRate;
    private long frameCount;
    private boolean triggered;
    private int historyDepth = 16;
    private long firstBlockId = 1;
    private long haltAfterPackets = -1;
    private int sendBufferBytes = 4 * 1024 * 1024;
    private boolean udpGso;
    private long interPacketDelayNanos;
    private LossInjection loss = LossInjection.NONE;
    private String threadName = "gvsp-emitter";
    private ObjLongConsumer<MemorySegment> genDcDescriptorFault;
    private boolean genDcPreliminaryDescriptor;

    public GvspEmitterConfig destination(String address, int port) {
        this.destinationAddress = Objects.requireNonNull(address);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("destination port must be 1..65535, got " + port);
        }
        this.destinationPort = port;
        return this;
    }

    /** Local address/port the stream is sent from (port 0 = ephemeral). */
    public GvspEmitterConfig source(String address, int port) {
        this.sourceAddress = Objects.requireNonNull(address);
        this.sourcePort = port;
        return this;
    }

    /** SCPS: IP datagram size (IP + UDP + GVSP header + data). */
    public GvspEmitterConfig packetSize(int v) {
        if (v < 128 || v > 65535 - 8) {
            throw new IllegalArgumentException("packet size must be 128..65527, got " + v);
        }
        this.packetSize = v;
        return this;
    }

    public GvspEmitterConfig extendedIds(boolean v) {
        this.extendedIds = v;
        return this;
    }

    /** Send a block as one ALL-IN packet when it fits (image/raw/chunk kinds only). */
    public GvspEmitterConfig allIn(boolean v) {
        this.allIn = v;
        return this;
    }

    public GvspEmitterConfig payloadKind(PayloadKind v) {
        this.payloadKind = Objects.requireNonNull(v);
        return this;
    }

    public GvspEmitterConfig pixelFormat(int pfnc) {
        if (PixelFormats.bitsPerPixel(pfnc) == 0) {
            throw new IllegalArgumentException("PFNC code without bits per pixel: 0x" + Integer.toHexString(pfnc));
        }
        this.pixelFormat = pfnc;
        return this;
    }

    public GvspEmitterConfig size(int w, int h) {
        if (w < 1 || h < 1 || (long) w * h > (1L << 28)) {
            throw new IllegalArgumentException("image size out of range: " + w + "x" + h);
        }
        this.width = w;
        this.height = h;
        return this;
    }

    /** Payload bytes for RAW and JPEG kinds. */
    public GvspEmitterConfig rawSize(int v) {
        if (v < TestPattern.HEADER_SIZE) {
            throw new IllegalArgumentException("raw size must be >= 16, got " + v);
        }
        this.rawSize = v;
        return this;
    }

    /** Frames per second; 0 = free-running (as fast as the emitter can). */
    public GvspEmitterConfig frameRate(double v) {
        if (!(v >= 0 && v <= 1_000_000)) {
            throw new IllegalArgumentException("frame rate must be 0..1e6, got " + v);
        }
        this.frameRate = v;
        return this;
    }

    /** Frames to send before idling (resends are still served); 0 = unlimited. */
    public GvspEmitterConfig frameCount(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("frame count must be >= 0, got " + v);
        }
        this.frameCount = v;
        return this;
    }

    /** Send one frame per {@link GvspEmitter#trigger()} instead of free-running/paced. */
    public GvspEmitterConfig triggered(boolean v) {
        this.triggered = v;
        return this;
    }

    /** Blocks retained for PACKETRESEND. */
    public GvspEmitterConfig historyDepth(int v) {
        if (v < 1 || v > 1024) {
            throw new IllegalArgumentException("history depth must be 1..1024, got " + v);
        }
        this.historyDepth = v;
        return this;
    }

    /** First block id (16-bit mode wraps 65535 → 1; start near the wrap to test it). */
    public GvspEmitterConfig firstBlockId(long v) {
        if (v < 1) {
            throw new IllegalArgumentException("block ids start at 1, got " + v);
        }
        this.firstBlockId = v;
        return this;
    }

    /** Imitates a device that dies: after this many packets nothing more is sent (resends neither). */
    public GvspEmitterConfig haltAfterPackets(long v) {
        this.haltAfterPackets = v;
        return this;
    }

    public GvspEmitterConfig sendBufferBytes(int v) {
        this.sendBufferBytes = v;
        return this;
    }

    /**
     * Send consecutive full-size packets as one UDP GSO message ({@code UDP_SEGMENT} = packet size):
     * the kernel cuts it into ordinary datagrams before they reach the receiving socket, so the
     * receiver sees exactly the same datagrams, but the send path is walked once per message
     * instead of once per packet. Off by default: a capture point before segmentation (tcpdump on
     * {@code lo}, a PF_PACKET receiver such as Aravis' packet-socket mode) sees the unsegmented
     * message. Falls back to one datagram per packet where the kernel refuses the option.
     */
    public GvspEmitterConfig udpGso(boolean v) {
        this.udpGso = v;
        return this;
    }

    /**
     * SCPD: the pause after each packet (nanoseconds; the device's timestamp tick is 1 ns). 0 sends
     * back to back. A real device spaces packets at least by its link's wire time; with a delay set
     * the emitter sends packet by packet and waits in between.
     */
    public GvspEmitterConfig interPacketDelayNanos(long v) {
        if (v < 0 || v > 1_000_000_000L) {
            throw new IllegalArgumentException("inter-packet delay must be 0..1 s in ns, got " + v);
        }
        this.interPacketDelayNanos = v;
        return this;
    }

    public GvspEmitterConfig loss(LossInjection v) {
        this.loss = Objects.requireNonNull(v);
        return this;
    }

    /**
     * Test knob: called with each GenDC descriptor (and its frame counter) right after it is
     * written, to imitate a device that sends malformed descriptors. Null (default) = none.
     */
    public GvspEmitterConfig genDcDescriptorFault(ObjLongConsumer<MemorySegment> v) {
        this.genDcDescriptorFault = v;
        return this;
    }

    public ObjLongConsumer<MemorySegment> genDcDescriptorFault() {
        return genDcDescriptorFault;
    }

    /**
     * Variable GenDC containers as the GenDC spec describes them: each descriptor goes first as a
     * preliminary one (leader flag 0x80, data flags "preliminary", VariableFields bit 0 "DataSize may
     * shrink") and again, final (VariableFields as written), in packets after all data, to the same
     * flow-0 offsets. The receiver must end with the final one whatever the arrival order.
     */
    public GvspEmitterConfig genDcPreliminaryDescriptor(boolean v) {
        this.genDcPreliminaryDescriptor = v;
        return this;
    }

    public boolean genDcPreliminaryDescriptor() {
        return genDcPreliminaryDescriptor;
    }

    public GvspEmitterConfig threadName(String v) {
        this.threadName = Objects.requireNonNull(v);
        return this;
    }

    public String destinationAddress() {
        return destinationAddress;
    }

    public int destinationPort() {
        return destinationPort;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int packetSize() {
        return packetSize;
    }

    public boolean extendedIds() {
        return extendedIds;
    }

    public boolean allIn() {
        return allIn;
    }

    public PayloadKind payloadKind() {
        return payloadKind;
    }

    public int pixelFormat() {
        return pixelFormat;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int rawSize() {
        return rawSize;
    }

    public double frameRate() {
        return frameRate;
    }

    public long frameCount() {
        return frameCount;
    }

    public boolean triggered() {
        return triggered;
    }

    public int historyDepth() {
        return historyDepth;
    }

    public long firstBlockId() {
        return firstBlockId;
    }

    public long haltAfterPackets() {
        return haltAfterPackets;
    }

    public int sendBufferBytes() {
        return sendBufferBytes;
    }

    public LossInjection loss() {
        return loss;
    }

    public boolean udpGso() {
        return udpGso;
    }

    public long interPacketDelayNanos() {
        return interPacketDelayNanos;
    }

    public String threadName() {
        return threadName;
    }
}
