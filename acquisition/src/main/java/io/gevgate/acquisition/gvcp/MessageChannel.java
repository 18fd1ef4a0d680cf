package io.gevgate.acquisition.gvcp;

import io.gevgate.acquisition.gvcp.codec.AckHeader;
import io.gevgate.acquisition.gvcp.codec.CommandHeader;
import io.gevgate.acquisition.gvcp.codec.EventCodec;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import io.gevgate.acquisition.gvcp.codec.GvcpFormatException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The message channel: a local UDP socket whose address is written to MCDA/MCP so the device sends
 * EVENT/EVENTDATA commands to it. Each event is acknowledged when the device asks for it and handed
 * to the listener on a dedicated virtual thread. Needs control privilege to open.
 */
public final class MessageChannel implements AutoCloseable {
    private final GvcpClient client;
    private final DatagramChannel channel;
    private final Consumer<DeviceEvent> listener;
    private final Thread thread;
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder foreign = new LongAdder();

    private MessageChannel(GvcpClient client, InetAddress localAddress, Consumer<DeviceEvent> listener) throws IOException {
        this.client = client;
        this.listener = listener;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(localAddress, 0));
        this.thread = Thread.ofVirtual().name("gvcp-messages-" + client.device()).unstarted(this::loop);
    }

    /**
     * Opens a message channel on {@code localAddress} (an address the device can reach, e.g. the one
     * the GVCP client uses), points the device at it and starts receiving.
     */
    public static MessageChannel open(GvcpClient client, InetAddress localAddress, Consumer<DeviceEvent> listener) {
        MessageChannel mc;
        try {
            mc = new MessageChannel(client, localAddress, listener);
        } catch (IOException e) {
            throw new GvcpException(GvcpException.IO_ERROR, GvcpCodes.WRITEREG_CMD, "message channel socket: " + e.getMessage(), e);
        }
        try {
            InetSocketAddress local = (InetSocketAddress) mc.channel.getLocalAddress();
            client.writeRegister(BootstrapRegisters.MCDA, DeviceInfo.toInt(localAddress));
            client.writeRegister(BootstrapRegisters.MCP, local.getPort());
        } catch (IOException | RuntimeException e) {
            mc.closeSocket();
            throw e instanceof RuntimeException re ? re
                    : new GvcpException(GvcpException.IO_ERROR, GvcpCodes.WRITEREG_CMD, e.getMessage(), e);
        }
        mc.thread.start();
        return mc;
    }

    public int localPort() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    public long received() {
        return received.sum();
    }

    /** Datagrams dropped because they were not a valid EVENT/EVENTDATA command. */
    public long malformed() {
        return malformed.sum();
    }

    /** Datagrams dropped because they came from another host than the device. */
    public long foreign() {
        return foreign.sum();
    }

    private void loop() {
        ByteBuffer rx = ByteBuffer.allocateDirect(GvcpCodes.MAX_DATAGRAM + 64);
        ByteBuffer tx = ByteBuffer.allocateDirect(16);
        CommandHeader cmd = new CommandHeader();
        EventCodec events = new EventCodec();
        InetAddress deviceAddress = client.device().getAddress();
        while (channel.isOpen()) {
            InetSocketAddress from;
            try {
                rx.clear();
                from = (InetSocketAddress) channel.receive(rx);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                malformed.increment();
                continue;
            }
            if (!from.getAddress().equals(deviceAddress)) {
                foreign.increment();
                continue;
            }
            try {
                cmd.wrap(rx, 0, rx.position());
                events.wrap(cmd);
            } catch (GvcpFormatException e) {
                malformed.increment();
                continue;
            }
            received.increment();
            if (cmd.ackRequired()) {
                int ackCode = cmd.command() == GvcpCodes.EVENT_CMD ? GvcpCodes.EVENT_ACK : GvcpCodes.EVENTDATA_ACK;
                int len = AckHeader.encode(tx, 0, 0, ackCode, 0, cmd.requestId());
                try {
                    channel.send(tx.clear().limit(len), from);
                } catch (IOException e) {
                    malformed.increment();
                }
            }
            for (int i = 0; i < events.recordCount(); i++) {
                byte[] data = new byte[events.dataLength()];
                events.copyData(data);
                listener.accept(new DeviceEvent(events.eventId(i), events.streamChannel(i), events.blockId(i),
                        events.timestamp(i), data, from));
            }
        }
    }

    private void closeSocket() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** Closes the channel on the device (MCP = 0, ignored if the device is gone) and locally. */
    @Override
    public void close() {
        try {
            client.writeRegister(BootstrapRegisters.MCP, 0);
        } catch (GvcpException ignored) {
            // the device may have vanished or we may have lost control
        }
        closeSocket();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
