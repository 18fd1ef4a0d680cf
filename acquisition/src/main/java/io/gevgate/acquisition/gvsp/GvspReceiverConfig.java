package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.frames.HandoffWait;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.read.FlowTableView;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one stream receiver. Plain mutable configuration: fill it, then pass it to
 * {@link GvspReceiver#start}. Defaults follow Aravis where it has one (timings, resend ratio).
 */
public final class GvspReceiverConfig {
    private String bindAddress = "127.0.0.1";
    private int port;
    private int packetSize = 1500;
    private int frameBufferCount = 8;
    private long frameBufferBytes = 4L * 1024 * 1024;
    private int receiveBufferBytes = 16 * 1024 * 1024;
    private int batchSize = 64;
    private int handoffCapacity = 4;
    private HandoffWait handoffWait = HandoffWait.BLOCK;
    private Duration initialPacketTimeout = Duration.ofMillis(1);
    private Duration packetTimeout = Duration.ofMillis(20);
    private Duration frameRetention = Duration.ofMillis(100);
    private double resendRatio = 0.25;
    private int minResendBudget = 16;
    private PacketResendRequester resendRequester;
    private long[] genDcFlowSizes;
    private String threadName = "gvsp-receiver";
    private Runnable threadSetup = () -> { };

    /** Local IPv4 address to bind (the address written to SCDA). */
    public GvspReceiverConfig bindAddress(String v) {
        this.bindAddress = Objects.requireNonNull(v);
        return this;
    }

    /** Local UDP port (the value written to SCP); 0 picks a free one. */
    public GvspReceiverConfig port(int v) {
        if (v < 0 || v > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + v);
        }
        this.port = v;
        return this;
    }

    /** The negotiated SCPS packet size (IP datagram size: IP 20 + UDP 8 + GVSP header + data). */
    public GvspReceiverConfig packetSize(int v) {
        if (v < 64 || v > 65535) {
            throw new IllegalArgumentException("packet size must be 64..65535, got " + v);
        }
        this.packetSize = v;
        return this;
    }

    public GvspReceiverConfig frameBufferCount(int v) {
        if (v < 1 || v > 4096) {
            throw new IllegalArgumentException("frame buffer count must be 1..4096, got " + v);
        }
        this.frameBufferCount = v;
        return this;
    }

    /** Bytes per pooled frame buffer: at least the device's PayloadSize. */
    public GvspReceiverConfig frameBufferBytes(long v) {
        if (v < 64 || v > (1L << 34)) {
            throw new IllegalArgumentException("frame buffer bytes must be 64..16 GiB, got " + v);
        }
        this.frameBufferBytes = v;
        return this;
    }

    /** Requested SO_RCVBUF; a warning names the sysctl when the kernel grants less. */
    public GvspReceiverConfig receiveBufferBytes(int v) {
        if (v < 4096) {
            throw new IllegalArgumentException("receive buffer must be >= 4096, got " + v);
        }
        this.receiveBufferBytes = v;
        return this;
    }

    /** Datagrams per recvmmsg call. */
    public GvspReceiverConfig batchSize(int v) {
        if (v < 1 || v > 1024) {
            throw new IllegalArgumentException("batch size must be 1..1024, got " + v);
        }
        this.batchSize = v;
        return this;
    }

    /** Completed frames waiting for the consumer before the oldest is dropped. */
    public GvspReceiverConfig handoffCapacity(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("hand-off capacity must be >= 1, got " + v);
        }
        this.handoffCapacity = v;
        return this;
    }

    /** How {@link GvspReceiver#take} waits for the hand-off (default BLOCK: least CPU). */
    public GvspReceiverConfig handoffWait(HandoffWait v) {
        this.handoffWait = Objects.requireNonNull(v);
        return this;
    }

    /** How old a hole must be before the first resend request (Aravis: 1 ms). */
    public GvspReceiverConfig initialPacketTimeout(Duration v) {
        this.initialPacketTimeout = positive(v, "initial packet timeout");
        return this;
    }

    /** Wait before asking again for the same packets (Aravis: 20 ms). */
    public GvspReceiverConfig packetTimeout(Duration v) {
        this.packetTimeout = positive(v, "packet timeout");
        return this;
    }

    /** A frame with no packet for this long is closed as TIMEOUT (Aravis: 100 ms). */
    public GvspReceiverConfig frameRetention(Duration v) {
        this.frameRetention = positive(v, "frame retention");
        return this;
    }

    /** Resend budget per frame as a fraction of its packet count (Aravis: 0.25). */
    public GvspReceiverConfig resendRatio(double v) {
        if (!(v >= 0 && v <= 10)) {
            throw new IllegalArgumentException("resend ratio must be 0..10, got " + v);
        }
        this.resendRatio = v;
        return this;
    }

    /** Floor of the per-frame resend budget, so small frames can still recover a burst. */
    public GvspReceiverConfig minResendBudget(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("min resend budget must be >= 0, got " + v);
        }
        this.minResendBudget = v;
        return this;
    }

    /** Where resend requests go; null disables packet resend. */
    public GvspReceiverConfig resendRequester(PacketResendRequester v) {
        this.resendRequester = v;
        return this;
    }

    /**
     * GenDC flow sizes from the device's flow mapping table: flow {@code i} lands at the sum of
     * the sizes before it. Null places every flow at its destination offset from buffer start.
     */
    public GvspReceiverConfig genDcFlowSizes(long... v) {
        if (v != null) {
            if (v.length < 1 || v.length > FlowTableView.MAX_FLOWS) {
                throw new IllegalArgumentException("GenDC flow count must be 1.." + FlowTableView.MAX_FLOWS + ", got " + v.length);
            }
            for (long size : v) {
                if (size < 0) {
                    throw new IllegalArgumentException("GenDC flow size must be >= 0, got " + size);
                }
            }
        }
        this.genDcFlowSizes = v == null ? null : v.clone();
        return this;
    }

    /**
     * The device's GenDC flow mapping table (SFNC GenDCFlowMappingTable, type 0x7000), validated
     * and turned into {@link #genDcFlowSizes(long...)}: flow {@code i} lands at the sum of the
     * sizes before it, flow 0 (the descriptor) at the buffer start.
     *
     * @throws GenDcFormatException when the table is malformed (names the field)
     */
    public GvspReceiverConfig genDcFlowTable(MemorySegment table) throws GenDcFormatException {
        FlowTableView view = new FlowTableView().wrap(table);
        long[] sizes = new long[view.flowCount()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = view.flowSize(i);
        }
        return genDcFlowSizes(sizes);
    }

    /** Sum of the GenDC flow sizes (bytes a frame buffer needs for them), 0 without a table. */
    public long genDcFlowBytes() {
        long sum = 0;
        if (genDcFlowSizes != null) {
            for (long s : genDcFlowSizes) {
                sum = Math.addExact(sum, s);
            }
        }
        return sum;
    }

    public GvspReceiverConfig threadName(String v) {
        this.threadName = Objects.requireNonNull(v);
        return this;
    }

    private static Duration positive(Duration v, String what) {
        if (v == null || v.isNegative() || v.isZero()) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
        return v;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public int packetSize() {
        return packetSize;
    }

    public int frameBufferCount() {
        return frameBufferCount;
    }

    public long frameBufferBytes() {
        return frameBufferBytes;
    }

    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    public int batchSize() {
        return batchSize;
    }

    public int handoffCapacity() {
        return handoffCapacity;
    }

    public HandoffWait handoffWait() {
        return handoffWait;
    }

    public Duration initialPacketTimeout() {
        return initialPacketTimeout;
    }

    public Duration packetTimeout() {
        return packetTimeout;
    }

    public Duration frameRetention() {
        return frameRetention;
    }

    public double resendRatio() {
        return resendRatio;
    }

    public int minResendBudget() {
        return minResendBudget;
    }

    public PacketResendRequester resendRequester() {
        return resendRequester;
    }

    public long[] genDcFlowSizes() {
        return genDcFlowSizes == null ? null : genDcFlowSizes.clone();
    }

    public String threadName() {
        return threadName;
    }

    /**
     * Runs on the receive thread once, before its first receive: where a caller sets that thread's
     * scheduling (real-time priority, CPU affinity). An exception from it stops the receiver (and
     * is its {@link GvspReceiver#failure()}); a set-up that may fail harmlessly catches its own.
     */
    public GvspReceiverConfig threadSetup(Runnable v) {
        this.threadSetup = Objects.requireNonNull(v);
        return this;
    }

    public Runnable threadSetup() {
        return threadSetup;
    }
}
