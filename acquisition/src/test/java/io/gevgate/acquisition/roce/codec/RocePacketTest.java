package io.gevgate.acquisition.roce.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RocePacketTest {
    static final int SRC = InvariantCrc.ipv4("127.0.0.100");
    static final int DST = InvariantCrc.ipv4("127.0.0.101");
    static final int SPORT = 12288;
    static final int QP = 0x00ABCD;
    static final int MTU = 1024;

    static byte[] packet(int opcode, int psn, long va, int rkey, long dma, int imm, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(RocePacketWriter.packetLength(opcode, payload.length));
        b.put(RocePacketWriter.payloadOffset(opcode), payload);
        new RocePacketWriter(new InvariantCrc(SRC, DST, SPORT, 4791))
                .finish(b, 0, opcode, QP, psn, va, rkey, dma, imm, payload.length);
        return b.array();
    }

    static RocePacket decode(byte[] p) throws RoceFormatException {
        return new RocePacket().wrap(ByteBuffer.wrap(p), 0, p.length, QP, MTU, new InvariantCrc(SRC, DST, SPORT, 4791));
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B})
    void everyOpcodeRoundTripsAndItsIcrcMatchesAnIndependentImplementation(int opcode) throws Exception {
        int len = switch (opcode) {
            case 0x26, 0x27 -> MTU;
            default -> 301; // not a multiple of 4: exercises the pad count
        };
        long dma = opcode == 0x26 ? 5000 : len;
        byte[] payload = bytes(len, opcode);
        byte[] p = packet(opcode, 0xFFFFFE, 0x1234_5678_9ABCL, 0x77, dma, 0xCAFEBABE, payload);
        RocePacket r = decode(p);
        assertThat(r.opcode()).isEqualTo(opcode);
        assertThat(r.psn()).isEqualTo(0xFFFFFE);
        assertThat(r.destinationQp()).isEqualTo(QP);
        assertThat(r.payloadLength()).isEqualTo(len);
        assertThat(Arrays.copyOfRange(p, r.payloadOffset(), r.payloadOffset() + len)).isEqualTo(payload);
        if (RoceOpcode.hasReth(opcode)) {
            assertThat(r.virtualAddress()).isEqualTo(0x1234_5678_9ABCL);
            assertThat(r.rkey()).isEqualTo(0x77);
            assertThat(r.dmaLength()).isEqualTo(dma);
        }
        if (RoceOpcode.hasImmediate(opcode)) {
            assertThat(r.immediate()).isEqualTo(0xCAFEBABE);
        }
        assertThat(r.padCount()).isEqualTo((4 - (len & 3)) & 3);
        // the ICRC must not depend on the variant fields: vary TTL and TOS on the "wire"
        byte[] ip = ReferenceIcrc.ipPacket(SRC, DST, SPORT, 4791, p, 64, 0);
        byte[] ip2 = ReferenceIcrc.ipPacket(SRC, DST, SPORT, 4791, p, 3, 0xB8);
        assertThat(ReferenceIcrc.ofIpPacket(ip)).isEqualTo(ReferenceIcrc.stored(p));
        assertThat(ReferenceIcrc.ofIpPacket(ip2)).isEqualTo(ReferenceIcrc.stored(p));
    }

    @Test
    void icrcIgnoresFecnBecnButCoversEverythingElse() throws Exception {
        byte[] p = packet(0x2A, 5, 0, 1, 64, 0, bytes(64, 1));
        byte[] ecn = p.clone();
        ecn[4] = (byte) 0xC0; // FECN + BECN set by a switch in flight
        assertThat(decode(ecn).psn()).isEqualTo(5);
        for (int i : new int[]{0, 2, 5, 9, 12, 30, p.length - 5}) {
            byte[] bad = p.clone();
            bad[i] ^= 0x01;
            RoceFormatException e = catchThrowableOfType(RoceFormatException.class, () -> decode(bad));
            assertThat(e).as("flip at %d", i).isNotNull();
        }
        byte[] badCrc = p.clone();
        badCrc[p.length - 1] ^= 0x40;
        assertThatThrownBy(() -> decode(badCrc)).isInstanceOf(RoceFormatException.class)
                .hasMessageContaining("BAD_ICRC").hasMessageContaining("ICRC");
        // the same bytes from another source address or port fail too (the pseudo-header counts)
        assertThatThrownBy(() -> new RocePacket().wrap(ByteBuffer.wrap(p), 0, p.length, QP, MTU,
                new InvariantCrc(SRC, DST, SPORT + 1, 4791))).isInstanceOf(RoceFormatException.class);
    }

    @Test
    void everyTruncationIsATypedError() {
        byte[] p = packet(0x2B, 1, 0x100, 2, 128, 7, bytes(128, 2));
        for (int n = 0; n < p.length; n++) {
            byte[] cut = Arrays.copyOf(p, n);
            RoceFormatException e = catchThrowableOfType(RoceFormatException.class, () -> decode(cut));
            assertThat(e).as("length %d", n).isNotNull();
            assertThat(e.error()).isIn(RoceError.TRUNCATED, RoceError.BAD_PAD, RoceError.BAD_LENGTH, RoceError.BAD_ICRC);
        }
    }

    @Test
    void everyUnsupportedOpcodeIsRejectedByName() {
        byte[] p = packet(0x2A, 1, 0, 1, 16, 0, bytes(16, 3));
        for (int op = 0; op < 256; op++) {
            if (RoceOpcode.isSupported(op)) {
                continue;
            }
            byte[] bad = p.clone();
            bad[0] = (byte) op;
            RoceFormatException e = catchThrowableOfType(RoceFormatException.class, () -> decode(bad));
            assertThat(e.error()).isEqualTo(RoceError.UNSUPPORTED_OPCODE);
            assertThat(e.field()).isEqualTo("BTH.OpCode");
        }
    }

    @Test
    void headerFieldsOutOfRange() {
        byte[] p = packet(0x2A, 1, 0, 1, 16, 0, bytes(16, 4));
        byte[] tver = p.clone();
        tver[1] |= 0x01;
        assertThat(error(tver)).isEqualTo(RoceError.BAD_TRANSPORT_VERSION);
        byte[] pkey = p.clone();
        pkey[3] = 0x7F;
        assertThat(error(pkey)).isEqualTo(RoceError.BAD_PKEY);
        byte[] qp = p.clone();
        qp[7] ^= 1;
        assertThat(error(qp)).isEqualTo(RoceError.WRONG_QP);
        byte[] pad = p.clone();
        pad[1] = 0x30; // pad count 3 on a 16-byte payload is fine structurally: DMA length then disagrees
        assertThat(error(pad)).isEqualTo(RoceError.BAD_LENGTH);
        byte[] dma = packet(0x2A, 1, 0, 1, 17, 0, bytes(16, 4)); // DMA length != payload
        assertThat(error(dma)).isEqualTo(RoceError.BAD_LENGTH);
        byte[] big = packet(0x2A, 1, 0, 1, MTU + 4, 0, bytes(MTU + 4, 4)); // over the path MTU
        assertThat(error(big)).isEqualTo(RoceError.BAD_LENGTH);
        byte[] shortFirst = packet(0x26, 1, 0, 1, 4000, 0, bytes(MTU - 4, 4)); // FIRST must carry one MTU
        assertThat(error(shortFirst)).isEqualTo(RoceError.BAD_LENGTH);
        byte[] shortMiddle = packet(0x27, 1, 0, 1, 0, 0, bytes(MTU - 4, 4));
        assertThat(error(shortMiddle)).isEqualTo(RoceError.BAD_LENGTH);
        byte[] emptyLast = packet(0x28, 1, 0, 1, 0, 0, new byte[0]);
        assertThat(error(emptyLast)).isEqualTo(RoceError.BAD_LENGTH);
    }

    @Test
    void randomBytesOnlyEverGiveTypedErrors() {
        long seed = 0x5EED_0001L;
        System.out.println("RocePacketTest random seed " + seed);
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        byte[] good = packet(0x26, 9, 0x40, 3, 4096, 0, bytes(MTU, 5));
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] p;
            if (i % 2 == 0) {
                p = new byte[rnd.nextInt(0, 1200)];
                rnd.nextBytes(p);
                if (p.length > 0 && rnd.nextBoolean()) {
                    p[0] = (byte) (0x26 + rnd.nextInt(6)); // get past the opcode check more often
                }
            } else {
                p = good.clone();
                for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                    p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            try {
                new RocePacket().wrap(ByteBuffer.wrap(p), 0, p.length, QP, MTU, null);
                accepted++; // structurally valid without the ICRC: fine, the ICRC check is separate
            } catch (RoceFormatException expected) {
                assertThat(expected.getMessage()).contains("expected");
            }
            byte[] q = p;
            try {
                decode(q);
                // with the ICRC checked only the untouched packet may pass (byte 4 is masked: FECN/BECN)
                byte[] normalized = q.clone();
                normalized[4] = good[4];
                assertThat(Arrays.equals(normalized, good)).as("a changed packet passed the ICRC check").isTrue();
            } catch (RoceFormatException expected) {
                assertThat(expected.error()).isNotNull();
            }
        }
        System.out.println("structurally valid without ICRC: " + accepted);
    }

    private static RoceError error(byte[] p) {
        RoceFormatException e = catchThrowableOfType(RoceFormatException.class, () -> decode(p));
        assertThat(e).isNotNull();
        return e.error();
    }
}
