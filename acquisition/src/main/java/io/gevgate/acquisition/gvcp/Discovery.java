package io.gevgate.acquisition.gvcp;

import io.gevgate.acquisition.gvcp.codec.AckHeader;
import io.gevgate.acquisition.gvcp.codec.DiscoveryCodec;
import io.gevgate.acquisition.gvcp.codec.ForceIpCodec;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import io.gevgate.acquisition.gvcp.codec.GvcpFormatException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds GigE Vision devices: by unicast DISCOVERY to one address (what tests use), or by broadcast on
 * one interface or on all IPv4 interfaces (the product default; like Aravis, to 255.255.255.255 and
 * to each interface's directed broadcast). Also sends FORCEIP.
 */
public final class Discovery {
    /** Aravis waits 1 s for discovery answers. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private static final LongAdder MALFORMED = new LongAdder();

    private Discovery() {
    }

    /** Datagrams dropped during discovery because they were not a valid DISCOVERY_ACK (process-wide). */
    public static long malformedAcks() {
        return MALFORMED.sum();
    }

    /**
     * Unicast discovery of the device at {@code address}:3956; tries 3 times within {@code timeout}.
     *
     * @throws GvcpTimeoutException when no valid DISCOVERY_ACK arrives
     */
    public static DeviceInfo unicast(InetAddress address, Duration timeout) {
        InetSocketAddress target = new InetSocketAddress(address, GvcpCodes.PORT);
        Duration perTry = timeout.dividedBy(3);
        for (int attempt = 0; attempt < 3; attempt++) {
            List<DeviceInfo> found = exchange(null, List.of(target), perTry, false, true);
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        throw new GvcpTimeoutException(GvcpCodes.DISCOVERY_CMD, "no DISCOVERY_ACK from " + target + " within " + timeout.toMillis() + " ms", null);
    }

    /** Broadcast discovery on one interface (IPv4 addresses only). */
    public static List<DeviceInfo> broadcast(NetworkInterface nif, Duration timeout) {
        Map<String, DeviceInfo> found = new LinkedHashMap<>();
        for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
            if (!(ia.getAddress() instanceof Inet4Address)) {
                continue;
            }
            List<InetSocketAddress> targets = new ArrayList<>();
            targets.add(new InetSocketAddress("255.255.255.255", GvcpCodes.PORT));
            if (ia.getBroadcast() != null) {
                targets.add(new InetSocketAddress(ia.getBroadcast(), GvcpCodes.PORT));
            }
            for (DeviceInfo d : exchange(ia.getAddress(), targets, timeout, true, false)) {
                found.putIfAbsent(d.macString() + "/" + d.source(), d);
            }
        }
        return List.copyOf(found.values());
    }

    /** Broadcast discovery on every IPv4 interface that is up. */
    public static List<DeviceInfo> broadcastAll(Duration timeout) {
        List<DeviceInfo> all = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp()) {
                    all.addAll(broadcast(nif, timeout));
                }
            }
        } catch (SocketException e) {
            throw new GvcpException(GvcpException.IO_ERROR, GvcpCodes.DISCOVERY_CMD, e.getMessage(), e);
        }
        return all;
    }

    /**
     * FORCEIP: tells the device with {@code mac} to use a static IP configuration. {@code target} is the
     * device's current address or a broadcast address reachable from {@code localAddress}.
     */
    public static void forceIp(InetAddress localAddress, InetAddress target, long mac, InetAddress ip,
                               InetAddress mask, InetAddress gateway, Duration timeout) {
        ByteBuffer tx = ByteBuffer.allocate(GvcpCodes.HEADER_LENGTH + ForceIpCodec.PAYLOAD_LENGTH);
        ByteBuffer rx = ByteBuffer.allocate(GvcpCodes.MAX_DATAGRAM + 64);
        int requestId = 0xFFFF;
        int len = ForceIpCodec.encodeCommand(tx, 0, requestId, mac, DeviceInfo.toInt(ip), DeviceInfo.toInt(mask),
                DeviceInfo.toInt(gateway));
        try (DatagramChannel ch = DatagramChannel.open(); Selector sel = Selector.open()) {
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            ch.bind(new InetSocketAddress(localAddress, 0));
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            ch.send(tx.limit(len), new InetSocketAddress(target, GvcpCodes.PORT));
            boolean acked = collectAcks(ch, sel, rx, timeout, (ack, from) -> {
                if (ack.ackId() != requestId || ack.ackCode() != GvcpCodes.FORCEIP_ACK) {
                    return false; // someone else's ack: keep waiting for ours
                }
                if (ack.status() != 0) {
                    throw new GvcpException(ack.status(), GvcpCodes.FORCEIP_CMD, "device " + Long.toHexString(mac));
                }
                return true;
            });
            if (acked) {
                return;
            }
        } catch (IOException e) {
            throw new GvcpException(GvcpException.IO_ERROR, GvcpCodes.FORCEIP_CMD, e.getMessage(), e);
        }
        throw new GvcpTimeoutException(GvcpCodes.FORCEIP_CMD, "no FORCEIP_ACK within " + timeout.toMillis() + " ms", null);
    }

    /**
     * Broadcasts an ACTION_CMD from {@code localAddress} to {@code broadcast}:3956 (all devices whose
     * device key, group key and mask match act at once) and returns the addresses of the devices that
     * acknowledged within {@code timeout}. {@code actionTime} non-null makes it a scheduled action.
     */
    public static List<InetSocketAddress> broadcastAction(InetAddress localAddress, InetAddress broadcast, int deviceKey,
                                                          int groupKey, int groupMask, Long actionTime, Duration timeout) {
        ByteBuffer tx = ByteBuffer.allocate(GvcpCodes.HEADER_LENGTH + io.gevgate.acquisition.gvcp.codec.ActionCodec.SCHEDULED_LENGTH);
        ByteBuffer rx = ByteBuffer.allocate(GvcpCodes.MAX_DATAGRAM + 64);
        int requestId = 0xFFFF;
        int len = io.gevgate.acquisition.gvcp.codec.ActionCodec.encode(tx, 0, requestId, true, deviceKey, groupKey, groupMask, actionTime);
        List<InetSocketAddress> acked = new ArrayList<>();
        try (DatagramChannel ch = DatagramChannel.open(); Selector sel = Selector.open()) {
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            ch.bind(new InetSocketAddress(localAddress, 0));
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            ch.send(tx.limit(len), new InetSocketAddress(broadcast, GvcpCodes.PORT));
            collectAcks(ch, sel, rx, timeout, (ack, from) -> {
                if (ack.ackId() == requestId && ack.ackCode() == GvcpCodes.ACTION_ACK && ack.status() == 0) {
                    acked.add(from);
                } else {
                    MALFORMED.increment();
                }
                return false;
            });
        } catch (IOException e) {
            throw new GvcpException(GvcpException.IO_ERROR, GvcpCodes.ACTION_CMD, e.getMessage(), e);
        }
        return acked;
    }

    private static List<DeviceInfo> exchange(InetAddress bindAddress, List<InetSocketAddress> targets, Duration timeout,
                                             boolean broadcast, boolean firstOnly) {
        ByteBuffer tx = ByteBuffer.allocate(GvcpCodes.HEADER_LENGTH);
        ByteBuffer rx = ByteBuffer.allocate(GvcpCodes.MAX_DATAGRAM + 64);
        int requestId = 0xFFFF;
        int len = DiscoveryCodec.encodeCommand(tx, 0, broadcast, requestId);
        List<DeviceInfo> found = new ArrayList<>();
        try (DatagramChannel ch = DatagramChannel.open(); Selector sel = Selector.open()) {
            if (broadcast) {
                ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            }
            ch.bind(new InetSocketAddress(bindAddress, 0));
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            for (InetSocketAddress t : targets) {
                tx.clear().limit(len);
                try {
                    ch.send(tx, t);
                } catch (IOException e) {
                    if (!broadcast) {
                        throw e;
                    }
                    // A broadcast address that this interface cannot reach: try the others.
                }
            }
            DiscoveryCodec disc = DiscoveryCodec.flyweight();
            collectAcks(ch, sel, rx, timeout, (ack, from) -> {
                if (ack.ackId() != requestId || ack.status() != 0) {
                    MALFORMED.increment();
                    return false;
                }
                found.add(DeviceInfo.from(disc.wrap(ack), from));
                return firstOnly;
            });
        } catch (IOException e) {
            throw new GvcpException(GvcpException.IO_ERROR, GvcpCodes.DISCOVERY_CMD,
                    "discovery via " + targets + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** Takes one well-formed ack header (and its sender); returns true to stop collecting. */
    private interface AckSink {
        boolean accept(AckHeader ack, InetSocketAddress from) throws GvcpFormatException;
    }

    /**
     * Receives acks on the non-blocking channel until {@code timeout} has passed or the sink says
     * stop (then returns true). A datagram that is no GVCP ack, or that the sink cannot parse,
     * counts as malformed.
     */
    private static boolean collectAcks(DatagramChannel ch, Selector sel, ByteBuffer rx, Duration timeout, AckSink sink)
            throws IOException {
        AckHeader ack = new AckHeader();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            sel.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            sel.selectedKeys().clear();
            while (true) {
                rx.clear();
                InetSocketAddress from = (InetSocketAddress) ch.receive(rx);
                if (from == null) {
                    break;
                }
                try {
                    ack.wrap(rx, 0, rx.position());
                    if (sink.accept(ack, from)) {
                        return true;
                    }
                } catch (GvcpFormatException e) {
                    MALFORMED.increment();
                }
            }
        }
        return false;
    }
}
