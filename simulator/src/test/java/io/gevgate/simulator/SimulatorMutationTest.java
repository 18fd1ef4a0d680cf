package io.gevgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.gvcp.codec.AckHeader;
import io.gevgate.acquisition.gvcp.codec.CommandHeader;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import io.gevgate.acquisition.gvcp.codec.GvcpStatus;
import io.gevgate.acquisition.gvcp.codec.MemoryCodec;
import io.gevgate.acquisition.gvcp.codec.RegisterCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed commands against the simulator's parser: truncated, oversized, wrong key, flags and
 * lengths, random bytes. The device must answer with a typed status where it can, drop the rest,
 * count everything and never stop serving.
 */
class SimulatorMutationTest {
    private static final long SEED = 0x5EED_6763L;
    private SimulatedDevice device;
    private DatagramChannel ch;
    private Selector selector;
    private InetSocketAddress target;
    private final ByteBuffer tx = ByteBuffer.allocate(2000);
    private final ByteBuffer rx = ByteBuffer.allocate(2000);

    @BeforeEach
    void start() throws Exception {
        device = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.32")));
        target = device.gvcpAddress();
        ch = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        ch.configureBlocking(false);
        selector = Selector.open();
        ch.register(selector, SelectionKey.OP_READ);
    }

    @AfterEach
    void stop() throws Exception {
        selector.close();
        ch.close();
        device.close();
    }

    private final ByteBuffer probeTx = ByteBuffer.allocate(64);
    private int probeId = 0xF00D;

    /**
     * Sends a probe (READREG of two registers with a fresh request id) and receives until its ack
     * arrives, bounded by 30 s; returns every other ack received before it. The device serves one
     * datagram at a time and answers in order, so the probe's ack proves that everything sent
     * before it has been answered or dropped, however late a loaded machine runs the device (a
     * fixed wait could miss a late answer, or hand it to the next exchange).
     */
    private java.util.List<AckHeader> acksUntilProbe() throws Exception {
        int id = probeId++;
        int len = RegisterCodec.encodeReadRegCommand(probeTx, 0, 1, id, new int[] {0x0934, 0x0938}, 2);
        ch.send(probeTx.duplicate().position(0).limit(len), target);
        java.util.List<AckHeader> before = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            selector.select(50);
            selector.selectedKeys().clear();
            rx.clear();
            while (ch.receive(rx) != null) {
                ByteBuffer copy = ByteBuffer.allocate(rx.position());
                copy.put(0, rx, 0, rx.position());
                AckHeader a = new AckHeader().wrap(copy, 0, copy.capacity());
                if (a.ackId() == id && a.ackCode() == GvcpCodes.READREG_ACK && a.payloadLength() == 8) {
                    return before;
                }
                before.add(a);
                rx.clear();
            }
        }
        throw new AssertionError("the device did not answer the probe (id " + id + ") within 30 s");
    }

    /** Sends bytes; returns the ack they caused, or null when the device dropped them (see acksUntilProbe). */
    private AckHeader exchange(byte[] datagram) throws Exception {
        ch.send(ByteBuffer.wrap(datagram), target);
        java.util.List<AckHeader> acks = acksUntilProbe();
        assertThat(acks).as("acks to one command").hasSizeLessThanOrEqualTo(1);
        return acks.isEmpty() ? null : acks.getFirst();
    }

    private byte[] datagram(int len) {
        byte[] b = new byte[len];
        tx.get(0, b);
        return b;
    }

    private void assertStillServing() throws Exception {
        int len = RegisterCodec.encodeReadRegCommand(tx, 0, 1, 77, new int[] {0x0934}, 1);
        AckHeader a = exchange(datagram(len));
        assertThat(a).as("device still answers").isNotNull();
        assertThat(a.status()).isZero();
        assertThat(a.ackId()).isEqualTo(77);
    }

    @Test
    void specificMalformations() throws Exception {
        // Truncated header: dropped.
        assertThat(exchange(new byte[] {0x42, 1, 0, (byte) 0x80})).isNull();
        // Wrong key: dropped (not a command).
        int len = RegisterCodec.encodeReadRegCommand(tx, 0, 1, 5, new int[] {0}, 1);
        byte[] wrongKey = datagram(len);
        wrongKey[0] = 0x43;
        assertThat(exchange(wrongKey)).isNull();
        // Length field larger than the datagram: INVALID_HEADER.
        byte[] longer = datagram(len);
        longer[5] = 40;
        AckHeader a = exchange(longer);
        assertThat(a.status()).isEqualTo(GvcpStatus.INVALID_HEADER.code());
        assertThat(a.ackCode()).isEqualTo(GvcpCodes.READREG_ACK);
        // READREG with 6 payload bytes: INVALID_PARAMETER.
        CommandHeader.encode(tx, 0, 1, GvcpCodes.READREG_CMD, 6, 6);
        assertThat(exchange(datagram(14)).status()).isEqualTo(GvcpStatus.INVALID_PARAMETER.code());
        // Unaligned register address: BAD_ALIGNMENT.
        CommandHeader.encode(tx, 0, 1, GvcpCodes.READREG_CMD, 4, 7);
        tx.putInt(8, 0x10002);
        assertThat(exchange(datagram(12)).status()).isEqualTo(GvcpStatus.BAD_ALIGNMENT.code());
        // READMEM of 540 bytes (over the chunk limit) and of 6 bytes.
        CommandHeader.encode(tx, 0, 1, GvcpCodes.READMEM_CMD, 8, 8);
        tx.putInt(8, 0x200);
        tx.putShort(12, (short) 0);
        tx.putShort(14, (short) 540);
        assertThat(exchange(datagram(16)).status()).isEqualTo(GvcpStatus.INVALID_PARAMETER.code());
        tx.putShort(14, (short) 6);
        assertThat(exchange(datagram(16)).status()).isEqualTo(GvcpStatus.BAD_ALIGNMENT.code());
        // Beyond the address space end.
        len = MemoryCodec.encodeReadMemCommand(tx, 0, 1, 9, 0xFFFF_FFF0, 16);
        assertThat(exchange(datagram(len)).status()).isEqualTo(GvcpStatus.INVALID_ADDRESS.code());
        // Unknown command: NOT_IMPLEMENTED.
        CommandHeader.encode(tx, 0, 1, 0x0999, 0, 10);
        assertThat(exchange(datagram(8)).status()).isEqualTo(GvcpStatus.NOT_IMPLEMENTED.code());
        // Request id 0: INVALID_HEADER.
        len = RegisterCodec.encodeReadRegCommand(tx, 0, 1, 0, new int[] {0}, 1);
        assertThat(exchange(datagram(len)).status()).isEqualTo(GvcpStatus.INVALID_HEADER.code());
        // No ack requested: nothing comes back, even for an error.
        CommandHeader.encode(tx, 0, 0, 0x0999, 0, 11);
        assertThat(exchange(datagram(8))).isNull();
        // DISCOVERY with a payload: INVALID_PARAMETER; oversized datagram (1600 bytes): dropped.
        CommandHeader.encode(tx, 0, 1, GvcpCodes.DISCOVERY_CMD, 4, 12);
        assertThat(exchange(datagram(12)).status()).isEqualTo(GvcpStatus.INVALID_PARAMETER.code());
        CommandHeader.encode(tx, 0, 1, GvcpCodes.WRITEMEM_CMD, 1592, 13);
        assertThat(exchange(datagram(1600))).isNull();

        assertStillServing();
        assertThat(device.counters().malformed()).isGreaterThanOrEqualTo(7);
        assertThat(device.counters().unknownCommands()).isEqualTo(2);
        assertThat(device.counters().internalErrors()).isZero();
    }

    @Test
    void randomDatagramsNeverStopTheDevice() throws Exception {
        System.out.println("SimulatorMutationTest seed=0x" + Long.toHexString(SEED));
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        int[] commands = {GvcpCodes.DISCOVERY_CMD, GvcpCodes.FORCEIP_CMD, GvcpCodes.PACKETRESEND_CMD, GvcpCodes.READREG_CMD,
                GvcpCodes.WRITEREG_CMD, GvcpCodes.READMEM_CMD, GvcpCodes.WRITEMEM_CMD, GvcpCodes.ACTION_CMD, 0x0999};
        int answered = 0;
        for (int i = 0; i < 1500; i++) {
            int len = rnd.nextInt(0, 700);
            byte[] d = new byte[len];
            rnd.nextBytes(d);
            if (len >= 8 && rnd.nextInt(4) != 0) {
                // Mostly plausible headers so that the payload parsers are exercised.
                d[0] = 0x42;
                d[1] = (byte) (rnd.nextBoolean() ? 1 : rnd.nextInt());
                int cmd = commands[rnd.nextInt(commands.length)];
                d[2] = (byte) (cmd >>> 8);
                d[3] = (byte) cmd;
                int pl = rnd.nextInt(4) == 0 ? rnd.nextInt(0, 0x10000) : len - 8;
                d[4] = (byte) (pl >>> 8);
                d[5] = (byte) pl;
            }
            ch.send(ByteBuffer.wrap(d), target);
            // Drain answers without waiting; the device must keep up.
            rx.clear();
            while (ch.receive(rx) != null) {
                answered++;
                rx.clear();
            }
            if (i % 100 == 99) {
                Thread.sleep(5);
            }
        }
        answered += acksUntilProbe().size(); // every answer to the burst, however late
        assertStillServing();
        System.out.println("SimulatorMutationTest answered=" + answered + " counters: " + device.counters());
        assertThat(device.counters().internalErrors()).isZero();
        assertThat(device.counters().malformed()).isPositive();
        // Random writes never got in: nobody held control.
        assertThat(device.control().owner()).isNull();
    }
}
