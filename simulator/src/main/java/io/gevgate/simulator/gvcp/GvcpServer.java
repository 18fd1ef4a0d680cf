package io.gevgate.simulator.gvcp;

import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.codec.AckHeader;
import io.gevgate.acquisition.gvcp.codec.ActionCodec;
import io.gevgate.acquisition.gvcp.codec.CommandHeader;
import io.gevgate.acquisition.gvcp.codec.DiscoveryCodec;
import io.gevgate.acquisition.gvcp.codec.EventCodec;
import io.gevgate.acquisition.gvcp.codec.ForceIpCodec;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import io.gevgate.acquisition.gvcp.codec.GvcpFormatException;
import io.gevgate.acquisition.gvcp.codec.GvcpStatus;
import io.gevgate.acquisition.gvcp.codec.MemoryCodec;
import io.gevgate.acquisition.gvcp.codec.PacketResendCodec;
import io.gevgate.acquisition.gvcp.codec.PendingAckCodec;
import io.gevgate.acquisition.gvcp.codec.RegisterCodec;
import io.gevgate.simulator.registers.RegisterAccessException;
import io.gevgate.simulator.registers.RegisterSpace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The simulated device's GVCP side: one UDP socket on {@code address:3956}, one platform thread that
 * parses each command with the shared codec, applies it to the {@link RegisterSpace} under the CCP
 * rules and answers with the proper status. Malformed datagrams never reach the register space: they
 * are counted and either dropped (no valid header) or answered with INVALID_HEADER/INVALID_PARAMETER.
 */
public final class GvcpServer implements AutoCloseable {

    /** What the server needs from the device it serves. */
    public interface Device {
        RegisterSpace registers();

        /** Extra time a write to {@code address} takes (simulated slow command), 0 for none. */
        int writeDelayMs(int address);

        /** FORCEIP addressed to our MAC: apply the new configuration. */
        void forceIp(int ip, int mask, int gateway);

        long mac();

        /** Control was dropped (heartbeat expiry or release): close channels, stop acquisition. */
        void controlDropped(String reason);
    }

    private final Device device;
    private final RegisterSpace regs;
    private final ControlPrivilege control = new ControlPrivilege();
    private final ServerCounters counters = new ServerCounters();
    private final DatagramChannel channel;
    /** Bound to 255.255.255.255:3956 so that broadcast DISCOVERY reaches us; null when that is not possible. */
    private final DatagramChannel broadcastChannel;
    private final Selector selector;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(GvcpCodes.MAX_DATAGRAM + 64);
    private final ByteBuffer tx = ByteBuffer.allocateDirect(GvcpCodes.MAX_DATAGRAM + 64);
    private final ByteBuffer eventTx = ByteBuffer.allocateDirect(GvcpCodes.MAX_DATAGRAM);
    private final CommandHeader cmd = new CommandHeader();
    private final AckHeader ackIn = new AckHeader();
    private final PacketResendCodec resend = new PacketResendCodec();
    private final int[] values = new int[GvcpCodes.MAX_READREG_COUNT];
    private volatile ResendHandler resendHandler;
    private volatile ActionHandler actionHandler;
    private volatile boolean running = true;
    private int eventRequestId = 0;

    public GvcpServer(InetSocketAddress bind, Device device) throws IOException {
        this.device = device;
        this.regs = device.registers();
        this.channel = DatagramChannel.open();
        try {
            channel.bind(bind);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        broadcastChannel = openBroadcastListener(bind.getPort());
        thread = Thread.ofPlatform().daemon().name("gvcp-sim-" + bind).unstarted(this::loop);
    }

    /**
     * A socket bound to the limited broadcast address receives broadcast datagrams that a socket
     * bound to a unicast address never sees (several simulators share it through SO_REUSEADDR).
     * It only ever receives; answers go out of the main socket.
     */
    private DatagramChannel openBroadcastListener(int port) {
        try {
            DatagramChannel b = DatagramChannel.open();
            try {
                b.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
                b.bind(new InetSocketAddress(InetAddress.getByName("255.255.255.255"), port));
                b.configureBlocking(false);
                b.register(selector, SelectionKey.OP_READ);
                return b;
            } catch (IOException | RuntimeException e) {
                b.close();
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether broadcast DISCOVERY can reach this device. */
    public boolean listensForBroadcast() {
        return broadcastChannel != null;
    }

    public void start() {
        thread.start();
    }

    public ControlPrivilege control() {
        return control;
    }

    public ServerCounters counters() {
        return counters;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void resendHandler(ResendHandler handler) {
        this.resendHandler = handler;
    }

    public ResendHandler resendHandler() {
        return resendHandler;
    }

    public void actionHandler(ActionHandler handler) {
        this.actionHandler = handler;
    }

    private void loop() {
        try {
            while (running) {
                selector.select(50);
                selector.selectedKeys().clear();
                while (running) {
                    rx.clear();
                    InetSocketAddress from;
                    try {
                        from = (InetSocketAddress) channel.receive(rx);
                    } catch (ClosedChannelException e) {
                        return;
                    } catch (IOException e) {
                        counters.malformed.increment();
                        break;
                    }
                    if (from == null) {
                        break;
                    }
                    try {
                        handle(from, rx.position());
                    } catch (RuntimeException e) {
                        // A bug must not take the device down: count it and keep serving.
                        counters.internalErrors.increment();
                        System.err.println("gvcp simulator: internal error on a command from " + from + ": " + e);
                    }
                }
                receiveBroadcasts();
                checkHeartbeat();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                System.err.println("gvcp simulator: server loop failed: " + e);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Broadcast datagrams: only DISCOVERY, FORCEIP and ACTION, and only from loopback senders when we are on loopback. */
    private void receiveBroadcasts() throws IOException {
        if (broadcastChannel == null) {
            return;
        }
        boolean loopbackDevice = localAddress().getAddress().isLoopbackAddress();
        while (running) {
            rx.clear();
            InetSocketAddress from = (InetSocketAddress) broadcastChannel.receive(rx);
            if (from == null) {
                return;
            }
            int len = rx.position();
            int command = len >= GvcpCodes.HEADER_LENGTH ? rx.getShort(2) & 0xFFFF : -1;
            if ((loopbackDevice && !from.getAddress().isLoopbackAddress())
                    || (command != GvcpCodes.DISCOVERY_CMD && command != GvcpCodes.FORCEIP_CMD
                        && command != GvcpCodes.ACTION_CMD)) {
                counters.malformed.increment();
                continue;
            }
            try {
                handle(from, len);
            } catch (RuntimeException e) {
                counters.internalErrors.increment();
            }
        }
    }

    private void checkHeartbeat() {
        boolean disabled = (regs.value(BootstrapRegisters.GVCP_CONFIGURATION) & BootstrapRegisters.GVCP_CONFIG_HEARTBEAT_DISABLE) != 0;
        long timeout = Integer.toUnsignedLong(regs.value(BootstrapRegisters.HEARTBEAT_TIMEOUT));
        if (!disabled && control.expired(System.nanoTime(), timeout)) {
            counters.heartbeatExpiries.increment();
            dropControl("heartbeat timeout (" + timeout + " ms) expired");
        }
    }

    private void dropControl(String reason) {
        control.release();
        regs.set(BootstrapRegisters.CCP, 0);
        regs.set(BootstrapRegisters.PRIMARY_APPLICATION_PORT, 0);
        regs.set(BootstrapRegisters.PRIMARY_APPLICATION_IP, 0);
        device.controlDropped(reason);
    }

    /** Handles one datagram of {@code len} bytes in {@code rx}. Package-private for tests. */
    void handle(InetSocketAddress from, int len) {
        if (len >= GvcpCodes.HEADER_LENGTH && (rx.get(0) & 0xFF) != GvcpCodes.KEY) {
            countEventAck(len);
            return;
        }
        try {
            cmd.wrap(rx, 0, len);
        } catch (GvcpFormatException e) {
            counters.malformed.increment();
            // A header with the right key but an inconsistent length still has a request id to answer.
            if (len >= GvcpCodes.HEADER_LENGTH && (rx.get(0) & 0xFF) == GvcpCodes.KEY && len <= GvcpCodes.MAX_DATAGRAM
                    && (rx.get(1) & GvcpCodes.FLAG_ACK_REQUIRED) != 0) {
                int command = rx.getShort(2) & 0xFFFF;
                int ackCode = GvcpCodes.ackFor(command);
                reply(from, AckHeader.encode(tx, 0, GvcpStatus.INVALID_HEADER.code(), ackCode < 0 ? 0 : ackCode, 0,
                        rx.getShort(6) & 0xFFFF));
                counters.errorAcks.increment();
            }
            return;
        }
        counters.commands.increment();
        long now = System.nanoTime();
        control.heard(from, now);
        int command = cmd.command();
        int reqId = cmd.requestId();
        if (reqId == 0 && command != GvcpCodes.PACKETRESEND_CMD) {
            counters.malformed.increment();
            error(from, command, GvcpStatus.INVALID_HEADER);
            return;
        }
        try {
            switch (command) {
                case GvcpCodes.DISCOVERY_CMD -> discovery(from);
                case GvcpCodes.FORCEIP_CMD -> forceIp(from);
                case GvcpCodes.READREG_CMD -> readReg(from);
                case GvcpCodes.WRITEREG_CMD -> writeReg(from, now);
                case GvcpCodes.READMEM_CMD -> readMem(from);
                case GvcpCodes.WRITEMEM_CMD -> writeMem(from, now);
                case GvcpCodes.PACKETRESEND_CMD -> packetResend(from);
                case GvcpCodes.ACTION_CMD -> action(from);
                default -> {
                    counters.unknownCommands.increment();
                    error(from, command, GvcpStatus.NOT_IMPLEMENTED);
                }
            }
        } catch (GvcpFormatException e) {
            counters.malformed.increment();
            error(from, command, GvcpStatus.INVALID_PARAMETER);
        }
    }

    private void countEventAck(int len) {
        try {
            ackIn.wrap(rx, 0, len);
            if (ackIn.ackCode() == GvcpCodes.EVENT_ACK || ackIn.ackCode() == GvcpCodes.EVENTDATA_ACK) {
                counters.eventAcks.increment();
                return;
            }
        } catch (GvcpFormatException e) {
            // fall through: counted as malformed
        }
        counters.malformed.increment();
    }

    private void discovery(InetSocketAddress from) {
        if (cmd.payloadLength() != 0) {
            throw new GvcpFormatException("DISCOVERY_CMD length", 4, "0", Integer.toString(cmd.payloadLength()));
        }
        byte[] image = regs.readMemory(0, DiscoveryCodec.ACK_PAYLOAD_LENGTH);
        reply(from, DiscoveryCodec.encodeAck(tx, 0, cmd.requestId(), image));
    }

    private void forceIp(InetSocketAddress from) {
        ForceIpCodec.check(cmd);
        if (ForceIpCodec.mac(cmd) != device.mac()) {
            return; // FORCEIP for another device: ignore silently, as a real device would
        }
        device.forceIp(ForceIpCodec.ip(cmd), ForceIpCodec.mask(cmd), ForceIpCodec.gateway(cmd));
        ackIfRequired(from, AckHeader.encode(tx, 0, 0, GvcpCodes.FORCEIP_ACK, 0, cmd.requestId()));
    }

    private void readReg(InetSocketAddress from) {
        int n = RegisterCodec.readRegCommandCount(cmd);
        if (!control.mayRead(from)) {
            counters.accessDenied.increment();
            error(from, GvcpCodes.READREG_CMD, GvcpStatus.ACCESS_DENIED);
            return;
        }
        for (int i = 0; i < n; i++) {
            int address = RegisterCodec.readRegCommandAddress(cmd, i);
            try {
                values[i] = address == BootstrapRegisters.CCP ? control.ccp() : regs.read(address);
            } catch (RegisterAccessException e) {
                error(from, GvcpCodes.READREG_CMD, e.status());
                return;
            }
        }
        ackIfRequired(from, RegisterCodec.encodeReadRegAck(tx, 0, 0, cmd.requestId(), values, n));
    }

    private void writeReg(InetSocketAddress from, long now) {
        int n = RegisterCodec.writeRegCommandCount(cmd);
        int reqId = cmd.requestId();
        boolean ack = cmd.ackRequired();
        for (int i = 0; i < n; i++) {
            int address = RegisterCodec.writeRegCommandAddress(cmd, i);
            int value = RegisterCodec.writeRegCommandValue(cmd, i);
            GvcpStatus status;
            if (address == BootstrapRegisters.CCP) {
                status = writeCcp(from, value, now);
            } else if (!control.mayWrite(from)) {
                status = GvcpStatus.ACCESS_DENIED;
                counters.accessDenied.increment();
            } else {
                status = timedWrite(from, reqId, ack, address, value);
            }
            if (status != GvcpStatus.SUCCESS) {
                counters.errorAcks.increment();
                if (ack) {
                    reply(from, RegisterCodec.encodeIndexAck(tx, 0, status.code(), GvcpCodes.WRITEREG_ACK, reqId, i));
                }
                return;
            }
        }
        if (ack) {
            reply(from, RegisterCodec.encodeIndexAck(tx, 0, 0, GvcpCodes.WRITEREG_ACK, reqId, n));
        }
    }

    private GvcpStatus writeCcp(InetSocketAddress from, int value, long now) {
        InetSocketAddress before = control.owner();
        GvcpStatus s = control.write(from, value, regs.value(BootstrapRegisters.CONTROL_SWITCHOVER_KEY), now);
        if (s == GvcpStatus.ACCESS_DENIED) {
            counters.accessDenied.increment();
            return s;
        }
        regs.set(BootstrapRegisters.CCP, control.ccp());
        InetSocketAddress after = control.owner();
        if (after != null) {
            regs.set(BootstrapRegisters.PRIMARY_APPLICATION_PORT, after.getPort());
            regs.set(BootstrapRegisters.PRIMARY_APPLICATION_IP, ipv4(after.getAddress()));
        } else if (before != null) {
            dropControl("released by the application");
        }
        return s;
    }

    /** A write that may take long; with PENDING_ACK enabled the host is told how long. */
    private GvcpStatus timedWrite(InetSocketAddress from, int reqId, boolean ack, int address, int value) {
        int delay = device.writeDelayMs(address);
        if (delay > 0) {
            boolean pendingEnabled = (regs.value(BootstrapRegisters.GVCP_CONFIGURATION)
                    & BootstrapRegisters.GVCP_CONFIG_PENDING_ACK_ENABLE) != 0;
            if (pendingEnabled && ack && delay > regs.value(BootstrapRegisters.PENDING_TIMEOUT)) {
                counters.pendingAcksSent.increment();
                reply(from, PendingAckCodec.encode(tx, 0, reqId, delay));
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            regs.write(address, value);
            return GvcpStatus.SUCCESS;
        } catch (RegisterAccessException e) {
            return e.status();
        }
    }

    private void readMem(InetSocketAddress from) {
        MemoryCodec.checkReadMemCommand(cmd);
        int address = MemoryCodec.readMemCommandAddress(cmd);
        int count = MemoryCodec.readMemCommandCount(cmd);
        if (!control.mayRead(from)) {
            counters.accessDenied.increment();
            error(from, GvcpCodes.READMEM_CMD, GvcpStatus.ACCESS_DENIED);
            return;
        }
        if ((address & 3) != 0 || (count & 3) != 0) {
            error(from, GvcpCodes.READMEM_CMD, GvcpStatus.BAD_ALIGNMENT);
            return;
        }
        if (count == 0 || count > GvcpCodes.MAX_MEMORY_CHUNK) {
            error(from, GvcpCodes.READMEM_CMD, GvcpStatus.INVALID_PARAMETER);
            return;
        }
        byte[] data;
        try {
            data = regs.readMemory(address, count);
        } catch (RegisterAccessException e) {
            error(from, GvcpCodes.READMEM_CMD, e.status());
            return;
        }
        if (address == 0 || (Integer.compareUnsigned(address, BootstrapRegisters.CCP + 4) < 0
                && Integer.compareUnsigned(address + count, BootstrapRegisters.CCP) > 0)) {
            patchCcp(address, data);
        }
        int len = MemoryCodec.encodeReadMemAck(tx, 0, 0, cmd.requestId(), address, count);
        tx.put(MemoryCodec.dataOffset(0), data);
        ackIfRequired(from, len);
    }

    private void patchCcp(int address, byte[] data) {
        int off = BootstrapRegisters.CCP - address;
        if (off >= 0 && off + 4 <= data.length) {
            int v = control.ccp();
            data[off] = (byte) (v >>> 24);
            data[off + 1] = (byte) (v >>> 16);
            data[off + 2] = (byte) (v >>> 8);
            data[off + 3] = (byte) v;
        }
    }

    private void writeMem(InetSocketAddress from, long now) {
        int count = MemoryCodec.writeMemCommandCount(cmd);
        int address = MemoryCodec.writeMemCommandAddress(cmd);
        int reqId = cmd.requestId();
        if (!control.mayWrite(from)) {
            counters.accessDenied.increment();
            error(from, GvcpCodes.WRITEMEM_CMD, GvcpStatus.ACCESS_DENIED);
            return;
        }
        if ((address & 3) != 0) {
            error(from, GvcpCodes.WRITEMEM_CMD, GvcpStatus.BAD_ALIGNMENT);
            return;
        }
        byte[] data = new byte[count];
        cmd.buffer().get(MemoryCodec.dataOffset(0), data);
        if (Integer.compareUnsigned(address, BootstrapRegisters.CCP + 4) < 0
                && Integer.compareUnsigned(address + count, BootstrapRegisters.CCP) > 0) {
            // CCP goes through the privilege state machine, never a plain memory write.
            error(from, GvcpCodes.WRITEMEM_CMD, GvcpStatus.INVALID_ADDRESS);
            return;
        }
        try {
            regs.writeMemory(address, data);
        } catch (RegisterAccessException e) {
            error(from, GvcpCodes.WRITEMEM_CMD, e.status());
            return;
        }
        ackIfRequired(from, RegisterCodec.encodeIndexAck(tx, 0, 0, GvcpCodes.WRITEMEM_ACK, reqId, count));
    }

    private void packetResend(InetSocketAddress from) {
        resend.wrap(cmd);
        counters.resendRequests.increment();
        ResendHandler h = resendHandler;
        if (h == null) {
            counters.resendUnhandled.increment();
            return;
        }
        h.onPacketResend(resend.streamChannel(), resend.blockId(), resend.firstPacketId(), resend.lastPacketId(),
                resend.extendedId(), from);
    }

    private void action(InetSocketAddress from) {
        ActionCodec.check(cmd);
        if (ActionCodec.scheduled(cmd)) {
            // No scheduled-action support (no PTP clock): say so instead of acting at the wrong time.
            error(from, GvcpCodes.ACTION_CMD, GvcpStatus.NOT_IMPLEMENTED);
            return;
        }
        if (ActionCodec.deviceKey(cmd) != regs.value(BootstrapRegisters.ACTION_DEVICE_KEY)) {
            return; // not for us: no answer, as the specification asks
        }
        int groupKey = ActionCodec.groupKey(cmd);
        int groupMask = ActionCodec.groupMask(cmd);
        int signals = regs.value(BootstrapRegisters.NUMBER_OF_ACTION_SIGNALS);
        for (int i = 0; i < signals; i++) {
            int key = regs.value(BootstrapRegisters.ACTION_GROUP_KEY_BASE + i * BootstrapRegisters.ACTION_GROUP_STRIDE);
            int mask = regs.value(BootstrapRegisters.ACTION_GROUP_MASK_BASE + i * BootstrapRegisters.ACTION_GROUP_STRIDE);
            if (key == groupKey && (mask & groupMask) != 0) {
                counters.actionsMatched.increment();
                ActionHandler h = actionHandler;
                if (h != null) {
                    h.onAction(groupKey, groupMask);
                }
                ackIfRequired(from, AckHeader.encode(tx, 0, 0, GvcpCodes.ACTION_ACK, 0, cmd.requestId()));
                return;
            }
        }
    }

    private void error(InetSocketAddress from, int command, GvcpStatus status) {
        counters.errorAcks.increment();
        if (!cmd.ackRequired()) {
            return;
        }
        int ackCode = GvcpCodes.ackFor(command);
        reply(from, AckHeader.encode(tx, 0, status.code(), ackCode < 0 ? 0 : ackCode, 0, cmd.requestId()));
    }

    private void ackIfRequired(InetSocketAddress to, int len) {
        if (cmd.ackRequired()) {
            reply(to, len);
        }
    }

    private void reply(InetSocketAddress to, int len) {
        tx.clear().limit(len);
        try {
            channel.send(tx, to);
        } catch (IOException e) {
            counters.malformed.increment();
        }
    }

    /**
     * Sends one EVENT_CMD (or EVENTDATA_CMD when {@code data} is non-null) to the message channel the
     * host configured (MCDA:MCP). Returns false when no message channel is open. Thread-safe.
     */
    public boolean sendEvent(int eventId, int streamChannel, long blockId, long timestamp, byte[] data) {
        int port = regs.value(BootstrapRegisters.MCP) & 0xFFFF;
        if (port == 0) {
            return false;
        }
        InetSocketAddress to = new InetSocketAddress(fromIpv4(regs.value(BootstrapRegisters.MCDA)), port);
        boolean extended = (regs.value(BootstrapRegisters.GVSP_CONFIGURATION) & BootstrapRegisters.GVSP_CONFIG_EXTENDED_ID) != 0;
        synchronized (eventTx) {
            eventRequestId = eventRequestId >= 0xFFFF ? 1 : eventRequestId + 1;
            int len = data == null
                    ? EventCodec.encodeEvent(eventTx, 0, eventRequestId, extended, eventId, streamChannel, blockId, timestamp)
                    : EventCodec.encodeEventData(eventTx, 0, eventRequestId, extended, eventId, streamChannel, blockId, timestamp, data);
            eventTx.clear().limit(len);
            try {
                channel.send(eventTx, to);
            } catch (IOException e) {
                return false;
            }
        }
        counters.eventsSent.increment();
        return true;
    }

    static int ipv4(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length != 4 ? 0 : ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    static InetAddress fromIpv4(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the thread and closes the socket; waits up to 2 s for the thread. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            stopped.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
        try {
            channel.close();
            if (broadcastChannel != null) {
                broadcastChannel.close();
            }
        } catch (IOException ignored) {
            // closing
        }
    }
}
