package io.gevgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.gvcp.ControlChannel;
import io.gevgate.acquisition.gvcp.DeviceEvent;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.MessageChannel;
import io.gevgate.acquisition.gvcp.codec.CommandHeader;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** The client's EVENT/EVENTDATA parser (message channel) fed with garbage from the device's address. */
class MessageChannelMutationTest {
    private static boolean parsesAsEvent(byte[] b) {
        try {
            new io.gevgate.acquisition.gvcp.codec.EventCodec().wrap(new CommandHeader().wrap(ByteBuffer.wrap(b), 0, b.length));
            return true;
        } catch (io.gevgate.acquisition.gvcp.codec.GvcpFormatException e) {
            return false;
        }
    }

    private static final long SEED = 0xE7E7L;

    private static void awaitMalformed(MessageChannel mc, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (mc.malformed() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void garbageIsCountedAndRealEventsStillArrive() throws Exception {
        System.out.println("MessageChannelMutationTest seed=0x" + Long.toHexString(SEED));
        InetAddress dev = InetAddress.getByName("127.0.0.36");
        BlockingQueue<DeviceEvent> events = new LinkedBlockingQueue<>();
        try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(dev));
             GvcpClient c = SimulatorClientTest.client(d, 2000, 3);
             ControlChannel cc = new ControlChannel(c, e -> { });
             DatagramChannel fromDevice = DatagramChannel.open().bind(new InetSocketAddress(dev, 0));
             DatagramChannel fromElsewhere = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            cc.take(ControlChannel.Mode.CONTROL);
            try (MessageChannel mc = MessageChannel.open(c, InetAddress.getByName("127.0.0.1"), events::add)) {
                InetSocketAddress target = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), mc.localPort());
                RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
                int sent = 0;
                for (int i = 0; i < 300; i++) {
                    byte[] b = new byte[rnd.nextInt(0, 600)];
                    rnd.nextBytes(b);
                    if (b.length >= 8 && rnd.nextBoolean()) {
                        b[0] = 0x42;
                        b[2] = 0;
                        b[3] = (byte) (rnd.nextBoolean() ? GvcpCodes.EVENT_CMD : GvcpCodes.EVENTDATA_CMD);
                        int pl = rnd.nextBoolean() ? b.length - 8 : rnd.nextInt(0, 0x10000);
                        b[4] = (byte) (pl >>> 8);
                        b[5] = (byte) pl;
                    }
                    if (parsesAsEvent(b)) {
                        continue; // a valid event by chance: keep the count of invalid ones exact
                    }
                    fromDevice.send(ByteBuffer.wrap(b), target);
                    sent++;
                    if (sent % 16 == 0) {
                        // Pace the burst: a loaded machine may not drain the socket fast enough, and
                        // a datagram the kernel drops for a full buffer would never be counted.
                        awaitMalformed(mc, sent);
                    }
                }
                ByteBuffer wrongCmd = ByteBuffer.allocate(24);
                CommandHeader.encode(wrongCmd, 0, 1, GvcpCodes.READREG_CMD, 16, 9);
                fromDevice.send(wrongCmd.clear().limit(24), target);
                sent++;
                fromElsewhere.send(ByteBuffer.wrap(new byte[24]), target);
                assertThat(d.sendEvent(0x9005, 0, 7)).isTrue();
                DeviceEvent e = events.poll(5, TimeUnit.SECONDS);
                assertThat(e).isNotNull();
                assertThat(e.eventId()).isEqualTo(0x9005);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while ((mc.malformed() < sent || mc.foreign() < 1) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(mc.malformed()).isEqualTo(sent);
                assertThat(mc.foreign()).isEqualTo(1);
                assertThat(mc.received()).isEqualTo(1);
                assertThat(events).isEmpty();
            }
        }
    }
}
