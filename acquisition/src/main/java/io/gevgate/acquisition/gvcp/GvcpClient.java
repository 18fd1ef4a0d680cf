package io.gevgate.acquisition.gvcp;

import io.gevgate.acquisition.gvcp.codec.AckHeader;
import io.gevgate.acquisition.gvcp.codec.ActionCodec;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import io.gevgate.acquisition.gvcp.codec.GvcpFormatException;
import io.gevgate.acquisition.gvcp.codec.MemoryCodec;
import io.gevgate.acquisition.gvcp.codec.PacketResendCodec;
import io.gevgate.acquisition.gvcp.codec.PendingAckCodec;
import io.gevgate.acquisition.gvcp.codec.RegisterCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GVCP client for one device: request ids, timeouts with retries (Aravis defaults 500 ms × 5 tries),
 * PENDING_ACK extending the wait, and every non-success status turned into a {@link GvcpException}.
 *
 * <p>Thread safety: any number of threads may call it. Transactions are serialised by a lock because
 * a GigE Vision device processes one command at a time and answers in order; {@link #packetResend}
 * does not wait for that lock (it expects no acknowledge), so a stream receiver never stalls behind
 * a slow register write.
 */
public final class GvcpClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    public static final int DEFAULT_TRIES = 5;

    /** Per-client options; {@code localAddress} null binds the wildcard address. */
    public record Options(Duration timeout, int tries, InetAddress localAddress) {
        public Options {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            if (tries < 1 || tries > 100) {
                throw new IllegalArgumentException("tries must be 1..100: " + tries);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_TIMEOUT, DEFAULT_TRIES, null);
        }
    }

    private final InetSocketAddress device;
    private final Options options;
    private final DatagramChannel channel;
    /**
     * Blocking receives with a timeout go through the channel's socket adaptor (poll + recvfrom);
     * cheaper than a Selector (no key sets, no wakeup pipe) on the per-command path.
     */
    private final DatagramSocket socket;
    private final byte[] rxBytes = new byte[GvcpCodes.MAX_DATAGRAM + 64];
    private final DatagramPacket rxPacket = new DatagramPacket(rxBytes, rxBytes.length);
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteBuffer tx = ByteBuffer.allocateDirect(GvcpCodes.MAX_DATAGRAM);
    private final ByteBuffer rx = ByteBuffer.wrap(rxBytes);
    private final ByteBuffer resendTx = ByteBuffer.allocateDirect(64);
    private final AckHeader ack = new AckHeader();
    private final RequestIds ids = new RequestIds();
    private final GvcpClientCounters counters = new GvcpClientCounters();
    private final int[] one = new int[1];
    private final int[] oneValue = new int[1];
    private volatile Boolean concatenation;
    /** Set when a command was retried or timed out: late acknowledges may be waiting in the socket. */
    private boolean mayHoldStaleAcks;
    private volatile boolean extendedIdMode;

    private GvcpClient(InetSocketAddress device, Options options) throws IOException {
        this.device = device;
        this.options = options;
        this.channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(options.localAddress(), 0));
            channel.connect(device);
            this.socket = channel.socket();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Opens a client to the device at {@code address}:3956 with default options. */
    public static GvcpClient open(InetAddress address) {
        return open(new InetSocketAddress(address, GvcpCodes.PORT), Options.defaults());
    }

    public static GvcpClient open(InetSocketAddress device, Options options) {
        try {
            return new GvcpClient(device, options);
        } catch (IOException e) {
            throw new GvcpException(GvcpException.IO_ERROR, GvcpCodes.READREG_CMD,
                    "cannot open a GVCP socket to " + device + ": " + e.getMessage(), e);
        }
    }

    public InetSocketAddress device() {
        return device;
    }

    /** The local address and port the device sees as the source of our commands. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new GvcpException(GvcpException.IO_ERROR, GvcpCodes.READREG_CMD, e.getMessage(), e);
        }
    }

    public GvcpClientCounters counters() {
        return counters;
    }

    public Options options() {
        return options;
    }

    // ---- registers ----

    public int readRegister(int address) {
        return readRegister(address, options.timeout(), options.tries());
    }

    /** A read with its own timing; the heartbeat uses it so that loss of a device is seen in time. */
    public int readRegister(int address, Duration timeout, int tries) {
        lock.lock();
        try {
            one[0] = address;
            int len = RegisterCodec.encodeReadRegCommand(tx, 0, GvcpCodes.FLAG_ACK_REQUIRED, ids.next(), one, 1);
            AckHeader h = transact(GvcpCodes.READREG_CMD, len, timeout, tries, address);
            checkLength(() -> RegisterCodec.checkReadRegAck(h, 1), GvcpCodes.READREG_CMD);
            return RegisterCodec.readRegAckValue(h, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads several registers; in one READREG per 135 addresses when the device advertises
     * concatenation (GVCP capability bit 0), else one READREG each.
     */
    public int[] readRegisters(int... addresses) {
        int[] values = new int[addresses.length];
        if (addresses.length == 0) {
            return values;
        }
        if (addresses.length == 1 || !concatenationSupported()) {
            for (int i = 0; i < addresses.length; i++) {
                values[i] = readRegister(addresses[i]);
            }
            return values;
        }
        int[] chunk = new int[GvcpCodes.MAX_READREG_COUNT];
        for (int start = 0; start < addresses.length; start += GvcpCodes.MAX_READREG_COUNT) {
            int n = Math.min(GvcpCodes.MAX_READREG_COUNT, addresses.length - start);
            System.arraycopy(addresses, start, chunk, 0, n);
            lock.lock();
            try {
                int len = RegisterCodec.encodeReadRegCommand(tx, 0, GvcpCodes.FLAG_ACK_REQUIRED, ids.next(), chunk, n);
                AckHeader h = transact(GvcpCodes.READREG_CMD, len, options.timeout(), options.tries(), chunk[0]);
                checkLength(() -> RegisterCodec.checkReadRegAck(h, n), GvcpCodes.READREG_CMD);
                for (int i = 0; i < n; i++) {
                    values[start + i] = RegisterCodec.readRegAckValue(h, i);
                }
            } finally {
                lock.unlock();
            }
        }
        return values;
    }

    public void writeRegister(int address, int value) {
        lock.lock();
        try {
            one[0] = address;
            oneValue[0] = value;
            int len = RegisterCodec.encodeWriteRegCommand(tx, 0, GvcpCodes.FLAG_ACK_REQUIRED, ids.next(), one, oneValue, 1);
            AckHeader h = transact(GvcpCodes.WRITEREG_CMD, len, options.timeout(), options.tries(), address);
            checkIndex(h, 1, GvcpCodes.WRITEREG_CMD);
        } finally {
            lock.unlock();
        }
    }

    /** Writes several {address, value} pairs, concatenated when the device supports it. */
    public void writeRegisters(int[] addresses, int[] values) {
        if (addresses.length != values.length) {
            throw new IllegalArgumentException("addresses and values differ in length");
        }
        if (addresses.length <= 1 || !concatenationSupported()) {
            for (int i = 0; i < addresses.length; i++) {
                writeRegister(addresses[i], values[i]);
            }
            return;
        }
        int[] a = new int[GvcpCodes.MAX_WRITEREG_COUNT];
        int[] v = new int[GvcpCodes.MAX_WRITEREG_COUNT];
        for (int start = 0; start < addresses.length; start += GvcpCodes.MAX_WRITEREG_COUNT) {
            int n = Math.min(GvcpCodes.MAX_WRITEREG_COUNT, addresses.length - start);
            System.arraycopy(addresses, start, a, 0, n);
            System.arraycopy(values, start, v, 0, n);
            lock.lock();
            try {
                int len = RegisterCodec.encodeWriteRegCommand(tx, 0, GvcpCodes.FLAG_ACK_REQUIRED, ids.next(), a, v, n);
                AckHeader h = transact(GvcpCodes.WRITEREG_CMD, len, options.timeout(), options.tries(), a[0]);
                checkIndex(h, n, GvcpCodes.WRITEREG_CMD);
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean concatenationSupported() {
        Boolean c = concatenation;
        if (c == null) {
            c = (readRegister(BootstrapRegisters.GVCP_CAPABILITY) & GvcpCapabilities.CONCATENATION) != 0;
            concatenation = c;
        }
        return c;
    }

    // ---- memory ----

    /**
     * Reads {@code length} bytes at any address: the range is widened to 4-byte boundaries and
     * split into READMEMs of at most 536 bytes.
     */
    public byte[] readMemory(int address, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        byte[] out = new byte[length];
        long start = Integer.toUnsignedLong(address) & ~3L;
        long end = (Integer.toUnsignedLong(address) + length + 3) & ~3L;
        int skip = (int) (Integer.toUnsignedLong(address) - start);
        int written = 0;
        for (long a = start; a < end; a += GvcpCodes.MAX_MEMORY_CHUNK) {
            int count = (int) Math.min(GvcpCodes.MAX_MEMORY_CHUNK, end - a);
            lock.lock();
            try {
                int len = MemoryCodec.encodeReadMemCommand(tx, 0, GvcpCodes.FLAG_ACK_REQUIRED, ids.next(), (int) a, count);
                AckHeader h = transact(GvcpCodes.READMEM_CMD, len, options.timeout(), options.tries(), (int) a);
                final long chunkAddress = a;
                int data = checkLength(() -> MemoryCodec.checkReadMemAck(h, (int) chunkAddress, count), GvcpCodes.READMEM_CMD);
                int from = a == start ? skip : 0;
                int n = Math.min(count - from, length - written);
                h.buffer().get(data + from, out, written, n);
                written += n;
            } finally {
                lock.unlock();
            }
        }
        return out;
    }

    /** Writes bytes with WRITEMEM; address and length must be multiples of 4. */
    public void writeMemory(int address, byte[] data) {
        if ((address & 3) != 0 || (data.length & 3) != 0 || data.length == 0) {
            throw new IllegalArgumentException(String.format(
                    "WRITEMEM needs a 4-byte aligned address and a non-zero length multiple of 4: 0x%08X, %d bytes",
                    address, data.length));
        }
        for (int off = 0; off < data.length; off += GvcpCodes.MAX_MEMORY_CHUNK) {
            int count = Math.min(GvcpCodes.MAX_MEMORY_CHUNK, data.length - off);
            lock.lock();
            try {
                int len = MemoryCodec.encodeWriteMemCommand(tx, 0, GvcpCodes.FLAG_ACK_REQUIRED, ids.next(),
                        address + off, data, off, count);
                AckHeader h = transact(GvcpCodes.WRITEMEM_CMD, len, options.timeout(), options.tries(), address + off);
                checkIndex(h, count, GvcpCodes.WRITEMEM_CMD);
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- stream / action ----

    /**
     * Tells {@link #packetResend(int, long, long, long)} which id format the device streams with
     * (set by the stream receiver after it enabled extended-id mode in GVSP configuration 0x0960).
     */
    public void extendedIdMode(boolean enabled) {
        this.extendedIdMode = enabled;
    }

    /** PACKETRESEND in the id format set by {@link #extendedIdMode(boolean)} (standard ids by default). */
    public void packetResend(int streamChannel, long blockId, long firstPacketId, long lastPacketId) {
        packetResend(streamChannel, blockId, firstPacketId, lastPacketId, extendedIdMode);
    }

    /**
     * Asks the device to resend packets {@code firstPacketId..lastPacketId} of a block. No acknowledge
     * is expected (the device answers with GVSP packets), so this never waits. Extended ids (64-bit
     * block, 32-bit packet ids) must be used when the device streams in extended-id mode.
     */
    public void packetResend(int streamChannel, long blockId, long firstPacketId, long lastPacketId, boolean extendedId) {
        synchronized (resendTx) {
            int len = PacketResendCodec.encode(resendTx, 0, ids.next(), streamChannel, blockId, firstPacketId,
                    lastPacketId, extendedId);
            resendTx.clear().limit(len);
            try {
                channel.write(resendTx);
                counters.commandsSent.increment();
            } catch (PortUnreachableException e) {
                counters.portUnreachable.increment();
            } catch (IOException e) {
                throw new GvcpException(GvcpException.IO_ERROR, GvcpCodes.PACKETRESEND_CMD, e.getMessage(), e);
            }
        }
    }

    /**
     * Sends an ACTION_CMD to this device (unicast). With {@code ackRequired} it waits for ACTION_ACK;
     * {@code actionTime} non-null makes it a scheduled action.
     */
    public void actionCommand(int deviceKey, int groupKey, int groupMask, Long actionTime, boolean ackRequired) {
        lock.lock();
        try {
            int len = ActionCodec.encode(tx, 0, ids.next(), ackRequired, deviceKey, groupKey, groupMask, actionTime);
            if (ackRequired) {
                transact(GvcpCodes.ACTION_CMD, len, options.timeout(), options.tries(), 0);
            } else {
                send(len, GvcpCodes.ACTION_CMD);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- the transaction engine ----

    private void send(int len, int command) {
        tx.clear().limit(len);
        try {
            channel.write(tx);
            counters.commandsSent.increment();
        } catch (PortUnreachableException e) {
            counters.portUnreachable.increment();
        } catch (IOException e) {
            throw new GvcpException(GvcpException.IO_ERROR, command, e.getMessage(), e);
        }
    }

    /**
     * Sends the command in {@code tx[0, len)} and waits for its acknowledge, retrying {@code tries}
     * times. Returns the flyweight over {@code rx}, valid while the caller holds the lock.
     */
    private AckHeader transact(int command, int len, Duration timeout, int tries, int address) {
        int requestId = tx.getShort(6) & 0xFFFF;
        int expectedAck = GvcpCodes.ackFor(command);
        long timeoutNs = timeout.toNanos();
        GvcpFormatException lastMalformed = null;
        if (mayHoldStaleAcks) {
            drainStale();
            mayHoldStaleAcks = false;
        }
        for (int attempt = 1; attempt <= tries; attempt++) {
            if (attempt > 1) {
                counters.retries.increment();
                mayHoldStaleAcks = true;
            }
            send(len, command);
            long deadline = System.nanoTime() + timeoutNs;
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                int n = receive(remaining, command);
                if (n < 0) {
                    continue;
                }
                try {
                    ack.wrap(rx, 0, n);
                } catch (GvcpFormatException e) {
                    counters.malformedAcks.increment();
                    lastMalformed = e;
                    continue;
                }
                if (ack.ackId() != requestId) {
                    counters.staleAcks.increment();
                    continue;
                }
                if (ack.ackCode() == GvcpCodes.PENDING_ACK) {
                    try {
                        int ms = PendingAckCodec.timeToCompletionMs(ack);
                        counters.pendingAcks.increment();
                        // The device promised an answer within ms: wait that long plus one timeout.
                        deadline = System.nanoTime() + ms * 1_000_000L + timeoutNs;
                    } catch (GvcpFormatException e) {
                        counters.malformedAcks.increment();
                        lastMalformed = e;
                    }
                    continue;
                }
                if (ack.ackCode() != expectedAck) {
                    counters.unexpectedAckCodes.increment();
                    lastMalformed = new GvcpFormatException("ack code", 2, GvcpCodes.commandName(expectedAck),
                            GvcpCodes.commandName(ack.ackCode()));
                    continue;
                }
                counters.acksReceived.increment();
                if (ack.status() != 0) {
                    counters.errorStatuses.increment();
                    String where = command == GvcpCodes.WRITEREG_CMD && ack.payloadLength() == 4
                            ? String.format("register #%d of the command (first address 0x%08X)",
                                    ack.buffer().getShort(ack.payloadOffset() + 2) & 0xFFFF, address)
                            : String.format("address 0x%08X", address);
                    throw new GvcpException(ack.status(), command, where + " on " + device);
                }
                return ack;
            }
        }
        counters.timeouts.increment();
        mayHoldStaleAcks = true;
        throw new GvcpTimeoutException(command, String.format("no valid acknowledge from %s after %d × %d ms (address 0x%08X)",
                device, tries, timeout.toMillis(), address), lastMalformed);
    }

    /** Drops late acknowledges of earlier, retried commands (waits at most 1 ms per datagram). */
    private void drainStale() {
        while (receive(1_000_000L, GvcpCodes.READREG_CMD) >= 0) {
            counters.staleAcks.increment();
        }
    }

    /** Receives one datagram into rx within {@code timeoutNs}; returns its length, or -1 on timeout. */
    private int receive(long timeoutNs, int command) {
        try {
            socket.setSoTimeout((int) Math.max(1, (timeoutNs + 999_999) / 1_000_000));
            rxPacket.setLength(rxBytes.length);
            socket.receive(rxPacket);
            return rxPacket.getLength();
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (PortUnreachableException e) {
            // Nobody listens on the device port (ICMP): keep waiting; the retries decide.
            counters.portUnreachable.increment();
            return -1;
        } catch (IOException e) {
            throw new GvcpException(GvcpException.IO_ERROR, command, e.getMessage(), e);
        }
    }

    private static <T> T checkLength(java.util.function.Supplier<T> check, int command) {
        try {
            return check.get();
        } catch (GvcpFormatException e) {
            throw new GvcpException(GvcpException.MALFORMED_ACK, command, e.getMessage(), e);
        }
    }

    private static void checkLength(Runnable check, int command) {
        try {
            check.run();
        } catch (GvcpFormatException e) {
            throw new GvcpException(GvcpException.MALFORMED_ACK, command, e.getMessage(), e);
        }
    }

    private void checkIndex(AckHeader h, int expected, int command) {
        int index = checkLength(() -> RegisterCodec.indexAckIndex(h), command);
        // WRITEMEM acks count bytes in some devices and registers in others; only a short count
        // from WRITEREG is an error (the device stopped before the end without an error status).
        if (command == GvcpCodes.WRITEREG_CMD && index != expected) {
            throw new GvcpException(GvcpException.MALFORMED_ACK, command,
                    "device wrote " + index + " of " + expected + " registers");
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing to report
        }
    }
}
