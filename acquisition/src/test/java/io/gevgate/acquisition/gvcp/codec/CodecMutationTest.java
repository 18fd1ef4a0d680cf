package io.gevgate.acquisition.gvcp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * Every flyweight fed with truncated, oversized, mis-keyed, wrong-length and random datagrams:
 * only {@link GvcpFormatException} may come out, never an IndexOutOfBounds or another exception,
 * and accessors of a datagram that passed validation never read outside it.
 */
class CodecMutationTest {
    private static final long SEED = 0x6E76_6370L;

    @Test
    void truncatedAndOversizedHeaders() {
        ByteBuffer b = ByteBuffer.allocate(2000);
        for (int len = 0; len < 8; len++) {
            final int n = len;
            assertThatThrownBy(() -> new CommandHeader().wrap(b, 0, n)).isInstanceOf(GvcpFormatException.class)
                    .hasMessageContaining("expected 8 bytes");
            assertThatThrownBy(() -> new AckHeader().wrap(b, 0, n)).isInstanceOf(GvcpFormatException.class);
        }
        assertThatThrownBy(() -> new AckHeader().wrap(b, 0, 1501)).isInstanceOf(GvcpFormatException.class)
                .hasMessageContaining("at most 1500");
    }

    @Test
    void wrongKeyAndLengthField() {
        ByteBuffer b = ByteBuffer.allocate(64);
        int len = RegisterCodec.encodeReadRegCommand(b, 0, 1, 1, new int[] {0}, 1);
        b.put(0, (byte) 0x43);
        assertThatThrownBy(() -> new CommandHeader().wrap(b, 0, len)).isInstanceOf(GvcpFormatException.class)
                .satisfies(e -> assertThat(((GvcpFormatException) e).field()).isEqualTo("key"))
                .hasMessageContaining("expected 0x42, got 0x43");
        b.put(0, (byte) 0x42);
        b.putShort(4, (short) 8); // claims 8 payload bytes, has 4
        assertThatThrownBy(() -> new CommandHeader().wrap(b, 0, len)).isInstanceOf(GvcpFormatException.class)
                .satisfies(e -> assertThat(((GvcpFormatException) e).offset()).isEqualTo(4));
    }

    @Test
    void payloadLengthsThatDoNotFitTheCommand() {
        ByteBuffer b = ByteBuffer.allocate(64);
        CommandHeader h = new CommandHeader();
        CommandHeader.encode(b, 0, 1, GvcpCodes.READREG_CMD, 6, 1);
        assertThatThrownBy(() -> RegisterCodec.readRegCommandCount(h.wrap(b, 0, 14)))
                .isInstanceOf(GvcpFormatException.class).hasMessageContaining("multiple of 4");
        CommandHeader.encode(b, 0, 1, GvcpCodes.READREG_CMD, 0, 1);
        assertThatThrownBy(() -> RegisterCodec.readRegCommandCount(h.wrap(b, 0, 8))).isInstanceOf(GvcpFormatException.class);
        CommandHeader.encode(b, 0, 1, GvcpCodes.WRITEREG_CMD, 12, 1);
        assertThatThrownBy(() -> RegisterCodec.writeRegCommandCount(h.wrap(b, 0, 20))).isInstanceOf(GvcpFormatException.class);
        CommandHeader.encode(b, 0, 1, GvcpCodes.READMEM_CMD, 4, 1);
        assertThatThrownBy(() -> MemoryCodec.checkReadMemCommand(h.wrap(b, 0, 12))).isInstanceOf(GvcpFormatException.class);
        CommandHeader.encode(b, 0, 1, GvcpCodes.WRITEMEM_CMD, 4, 1);
        assertThatThrownBy(() -> MemoryCodec.writeMemCommandCount(h.wrap(b, 0, 12))).isInstanceOf(GvcpFormatException.class);
        CommandHeader.encode(b, 0, 0x10, GvcpCodes.PACKETRESEND_CMD, 12, 1); // extended flag, standard length
        assertThatThrownBy(() -> new PacketResendCodec().wrap(h.wrap(b, 0, 20))).isInstanceOf(GvcpFormatException.class)
                .hasMessageContaining("extended ids");
        CommandHeader.encode(b, 0, 0x80, GvcpCodes.ACTION_CMD, 12, 1); // scheduled flag without time
        assertThatThrownBy(() -> ActionCodec.check(h.wrap(b, 0, 20))).isInstanceOf(GvcpFormatException.class);
        CommandHeader.encode(b, 0, 1, GvcpCodes.EVENT_CMD, 20, 1);
        assertThatThrownBy(() -> new EventCodec().wrap(h.wrap(b, 0, 28))).isInstanceOf(GvcpFormatException.class);
        CommandHeader.encode(b, 0, 1, GvcpCodes.FORCEIP_CMD, 52, 1);
        assertThatThrownBy(() -> ForceIpCodec.check(h.wrap(b, 0, 60))).isInstanceOf(GvcpFormatException.class);
        AckHeader a = new AckHeader();
        AckHeader.encode(b, 0, 0, GvcpCodes.DISCOVERY_ACK, 40, 1);
        assertThatThrownBy(() -> DiscoveryCodec.flyweight().wrap(a.wrap(b, 0, 48))).isInstanceOf(GvcpFormatException.class);
        AckHeader.encode(b, 0, 0, GvcpCodes.PENDING_ACK, 0, 1);
        assertThatThrownBy(() -> PendingAckCodec.timeToCompletionMs(a.wrap(b, 0, 8))).isInstanceOf(GvcpFormatException.class);
        AckHeader.encode(b, 0, 0, GvcpCodes.WRITEREG_ACK, 8, 1);
        assertThatThrownBy(() -> RegisterCodec.indexAckIndex(a.wrap(b, 0, 16))).isInstanceOf(GvcpFormatException.class);
    }

    @Test
    void randomDatagramsOnlyEverGiveFormatErrors() {
        System.out.println("CodecMutationTest seed=0x" + Long.toHexString(SEED));
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        ByteBuffer b = ByteBuffer.allocate(1600);
        int accepted = 0;
        int rejected = 0;
        int[] commands = {GvcpCodes.DISCOVERY_CMD, GvcpCodes.FORCEIP_CMD, GvcpCodes.PACKETRESEND_CMD, GvcpCodes.READREG_CMD,
                GvcpCodes.WRITEREG_CMD, GvcpCodes.READMEM_CMD, GvcpCodes.WRITEMEM_CMD, GvcpCodes.EVENT_CMD,
                GvcpCodes.EVENTDATA_CMD, GvcpCodes.ACTION_CMD};
        for (int i = 0; i < 20_000; i++) {
            int len = rnd.nextInt(0, 1560);
            for (int k = 0; k < len; k++) {
                b.put(k, (byte) rnd.nextInt());
            }
            // Half of the inputs get a plausible header so that payload parsers are reached.
            if (len >= 8 && rnd.nextBoolean()) {
                b.put(0, (byte) 0x42);
                b.putShort(2, (short) commands[rnd.nextInt(commands.length)]);
                b.putShort(4, (short) rnd.nextInt(0, len - 7));
            }
            try {
                parseAll(b, len);
                accepted++;
            } catch (GvcpFormatException e) {
                rejected++;
            } catch (RuntimeException e) {
                fail("datagram #" + i + " (len " + len + ") threw " + e, e);
            }
        }
        System.out.println("CodecMutationTest accepted=" + accepted + " rejected=" + rejected);
        assertThat(rejected).isPositive();
        assertThat(accepted).isPositive();
    }

    /** Runs every parser that applies and touches every accessor. */
    private static void parseAll(ByteBuffer b, int len) {
        AckHeader a = new AckHeader().wrap(b, 0, len);
        a.status();
        a.ackId();
        CommandHeader h = new CommandHeader().wrap(b, 0, len);
        switch (h.command()) {
            case GvcpCodes.READREG_CMD -> {
                int n = RegisterCodec.readRegCommandCount(h);
                for (int i = 0; i < n; i++) {
                    RegisterCodec.readRegCommandAddress(h, i);
                }
            }
            case GvcpCodes.WRITEREG_CMD -> {
                int n = RegisterCodec.writeRegCommandCount(h);
                for (int i = 0; i < n; i++) {
                    RegisterCodec.writeRegCommandAddress(h, i);
                    RegisterCodec.writeRegCommandValue(h, i);
                }
            }
            case GvcpCodes.READMEM_CMD -> {
                MemoryCodec.checkReadMemCommand(h);
                MemoryCodec.readMemCommandCount(h);
            }
            case GvcpCodes.WRITEMEM_CMD -> {
                int n = MemoryCodec.writeMemCommandCount(h);
                byte[] d = new byte[n];
                h.buffer().get(MemoryCodec.dataOffset(0), d);
            }
            case GvcpCodes.PACKETRESEND_CMD -> {
                PacketResendCodec p = new PacketResendCodec().wrap(h);
                p.blockId();
                p.lastPacketId();
            }
            case GvcpCodes.EVENT_CMD, GvcpCodes.EVENTDATA_CMD -> {
                EventCodec e = new EventCodec().wrap(h);
                for (int i = 0; i < e.recordCount(); i++) {
                    e.timestamp(i);
                    e.blockId(i);
                }
                e.copyData(new byte[e.dataLength()]);
            }
            case GvcpCodes.ACTION_CMD -> {
                ActionCodec.check(h);
                if (ActionCodec.scheduled(h)) {
                    ActionCodec.actionTime(h);
                }
            }
            case GvcpCodes.FORCEIP_CMD -> {
                ForceIpCodec.check(h);
                ForceIpCodec.gateway(h);
            }
            default -> {
                // unknown command: the header alone was parsed
            }
        }
        if (a.ackCode() == GvcpCodes.DISCOVERY_ACK) {
            DiscoveryCodec d = DiscoveryCodec.flyweight().wrap(a);
            d.userName();
        }
    }
}
