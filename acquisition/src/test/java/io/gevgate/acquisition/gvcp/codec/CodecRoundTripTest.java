package io.gevgate.acquisition.gvcp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {
    private final ByteBuffer b = ByteBuffer.allocate(1600);

    private CommandHeader cmd(int len) {
        return new CommandHeader().wrap(b, 0, len);
    }

    private AckHeader ack(int len) {
        return new AckHeader().wrap(b, 0, len);
    }

    @Test
    void readRegCommandAndAck() {
        int len = RegisterCodec.encodeReadRegCommand(b, 0, GvcpCodes.FLAG_ACK_REQUIRED, 0x1234,
                new int[] {0x0A00, 0x10000, 0x0938}, 3);
        assertThat(len).isEqualTo(8 + 12);
        assertThat(b.get(0) & 0xFF).isEqualTo(0x42);
        CommandHeader h = cmd(len);
        assertThat(h.command()).isEqualTo(GvcpCodes.READREG_CMD);
        assertThat(h.requestId()).isEqualTo(0x1234);
        assertThat(h.ackRequired()).isTrue();
        assertThat(RegisterCodec.readRegCommandCount(h)).isEqualTo(3);
        assertThat(RegisterCodec.readRegCommandAddress(h, 1)).isEqualTo(0x10000);

        len = RegisterCodec.encodeReadRegAck(b, 0, 0, 0x1234, new int[] {2, 640, 3000}, 3);
        AckHeader a = ack(len);
        assertThat(a.ackCode()).isEqualTo(GvcpCodes.READREG_ACK);
        assertThat(a.ackId()).isEqualTo(0x1234);
        RegisterCodec.checkReadRegAck(a, 3);
        assertThat(RegisterCodec.readRegAckValue(a, 2)).isEqualTo(3000);
        assertThatThrownBy(() -> RegisterCodec.checkReadRegAck(a, 2)).isInstanceOf(GvcpFormatException.class)
                .hasMessageContaining("READREG_ACK length").hasMessageContaining("expected 8, got 12");
    }

    @Test
    void writeRegCommandAndIndexAck() {
        int len = RegisterCodec.encodeWriteRegCommand(b, 0, 1, 7, new int[] {0x10000, 0x10004}, new int[] {640, 480}, 2);
        CommandHeader h = cmd(len);
        assertThat(RegisterCodec.writeRegCommandCount(h)).isEqualTo(2);
        assertThat(RegisterCodec.writeRegCommandAddress(h, 1)).isEqualTo(0x10004);
        assertThat(RegisterCodec.writeRegCommandValue(h, 1)).isEqualTo(480);
        len = RegisterCodec.encodeIndexAck(b, 0, GvcpStatus.ACCESS_DENIED.code(), GvcpCodes.WRITEREG_ACK, 7, 1);
        AckHeader a = ack(len);
        assertThat(a.status()).isEqualTo(0x8006);
        assertThat(RegisterCodec.indexAckIndex(a)).isEqualTo(1);
    }

    @Test
    void unalignedRegisterAddressIsRefusedWhenEncoding() {
        assertThatThrownBy(() -> RegisterCodec.encodeReadRegCommand(b, 0, 1, 1, new int[] {0x10002}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aligned");
    }

    @Test
    void readMemAndWriteMem() {
        int len = MemoryCodec.encodeReadMemCommand(b, 0, 1, 9, 0x200, 512);
        CommandHeader h = cmd(len);
        MemoryCodec.checkReadMemCommand(h);
        assertThat(MemoryCodec.readMemCommandAddress(h)).isEqualTo(0x200);
        assertThat(MemoryCodec.readMemCommandCount(h)).isEqualTo(512);

        len = MemoryCodec.encodeReadMemAck(b, 0, 0, 9, 0x200, 8);
        b.put(MemoryCodec.dataOffset(0), new byte[] {'L', 'o', 'c', 'a', 'l', ':', 'x', 0});
        AckHeader a = ack(len);
        int data = MemoryCodec.checkReadMemAck(a, 0x200, 8);
        assertThat(b.get(data)).isEqualTo((byte) 'L');
        assertThatThrownBy(() -> MemoryCodec.checkReadMemAck(a, 0x204, 8)).isInstanceOf(GvcpFormatException.class)
                .hasMessageContaining("address");

        byte[] payload = {1, 2, 3, 4, 5, 6, 7, 8};
        len = MemoryCodec.encodeWriteMemCommand(b, 0, 1, 10, 0xE8, payload, 0, 8);
        CommandHeader w = cmd(len);
        assertThat(MemoryCodec.writeMemCommandCount(w)).isEqualTo(8);
        assertThat(MemoryCodec.writeMemCommandAddress(w)).isEqualTo(0xE8);
        assertThatThrownBy(() -> MemoryCodec.encodeReadMemCommand(b, 0, 1, 1, 0, 540))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void discoveryAck() {
        byte[] boot = new byte[248];
        boot[3] = 2; // not used, overwritten below
        ByteBuffer img = ByteBuffer.wrap(boot);
        img.putInt(0, 0x00020000);
        img.putShort(10, (short) 0x0200);
        img.putInt(12, 0x47000028);
        img.putInt(36, 0x7F000028);
        img.putInt(52, 0xFF000000);
        img.put(72, "gevgate".getBytes());
        img.put(216, "SIM1".getBytes());
        int len = DiscoveryCodec.encodeAck(b, 0, 0xFFFF, boot);
        DiscoveryCodec d = DiscoveryCodec.flyweight().wrap(ack(len));
        assertThat(d.specVersion()).isEqualTo(0x00020000);
        assertThat(d.mac()).isEqualTo(0x020047000028L);
        assertThat(d.currentIp()).isEqualTo(0x7F000028);
        assertThat(d.subnetMask()).isEqualTo(0xFF000000);
        assertThat(d.manufacturer()).isEqualTo("gevgate");
        assertThat(d.serial()).isEqualTo("SIM1");
        assertThat(d.userName()).isEmpty();
        len = DiscoveryCodec.encodeCommand(b, 0, true, 0xFFFF);
        assertThat(cmd(len).flags()).isEqualTo(0x11);
    }

    @Test
    void forceIp() {
        int len = ForceIpCodec.encodeCommand(b, 0, 5, 0x0011_2233_4455L, 0x0A000002, 0xFFFFFF00, 0x0A000001);
        CommandHeader h = cmd(len);
        ForceIpCodec.check(h);
        assertThat(ForceIpCodec.mac(h)).isEqualTo(0x0011_2233_4455L);
        assertThat(ForceIpCodec.ip(h)).isEqualTo(0x0A000002);
        assertThat(ForceIpCodec.mask(h)).isEqualTo(0xFFFFFF00);
        assertThat(ForceIpCodec.gateway(h)).isEqualTo(0x0A000001);
    }

    @Test
    void packetResendStandardAndExtended() {
        int len = PacketResendCodec.encode(b, 0, 3, 0, 65401, 5, 9, false);
        CommandHeader h = cmd(len);
        assertThat(h.flags()).isZero();
        PacketResendCodec p = new PacketResendCodec().wrap(h);
        assertThat(p.extendedId()).isFalse();
        assertThat(p.blockId()).isEqualTo(65401);
        assertThat(p.firstPacketId()).isEqualTo(5);
        assertThat(p.lastPacketId()).isEqualTo(9);

        len = PacketResendCodec.encode(b, 0, 4, 1, 0x1_0000_0005L, 70_000, 0xFFFF_FFF0L, true);
        h = cmd(len);
        assertThat(h.payloadLength()).isEqualTo(20);
        p.wrap(h);
        assertThat(p.extendedId()).isTrue();
        assertThat(p.streamChannel()).isEqualTo(1);
        assertThat(p.blockId()).isEqualTo(0x1_0000_0005L);
        assertThat(p.firstPacketId()).isEqualTo(70_000);
        assertThat(p.lastPacketId()).isEqualTo(0xFFFF_FFF0L);
        assertThatThrownBy(() -> PacketResendCodec.encode(b, 0, 1, 0, 70_000, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventAndEventData() {
        int len = EventCodec.encodeEvent(b, 0, 11, false, 0x9001, 0, 77, 123456789L);
        EventCodec e = new EventCodec().wrap(cmd(len));
        assertThat(e.recordCount()).isEqualTo(1);
        assertThat(e.eventId(0)).isEqualTo(0x9001);
        assertThat(e.blockId(0)).isEqualTo(77);
        assertThat(e.timestamp(0)).isEqualTo(123456789L);
        assertThat(e.dataLength()).isZero();

        len = EventCodec.encodeEventData(b, 0, 12, true, 0x9002, 0, 1L << 40, 5L, new byte[] {9, 8, 7, 6});
        e.wrap(cmd(len));
        assertThat(e.blockId(0)).isEqualTo(1L << 40);
        assertThat(e.timestamp(0)).isEqualTo(5L);
        byte[] data = new byte[e.dataLength()];
        e.copyData(data);
        assertThat(data).containsExactly(9, 8, 7, 6);
    }

    @Test
    void actionAndPendingAck() {
        int len = ActionCodec.encode(b, 0, 13, true, 0x11, 0x22, 0x1, null);
        CommandHeader h = cmd(len);
        ActionCodec.check(h);
        assertThat(ActionCodec.deviceKey(h)).isEqualTo(0x11);
        assertThat(ActionCodec.groupKey(h)).isEqualTo(0x22);
        assertThat(ActionCodec.groupMask(h)).isEqualTo(1);
        assertThat(ActionCodec.scheduled(h)).isFalse();
        len = ActionCodec.encode(b, 0, 13, false, 1, 2, 3, 99L);
        h = cmd(len);
        ActionCodec.check(h);
        assertThat(ActionCodec.actionTime(h)).isEqualTo(99L);

        len = PendingAckCodec.encode(b, 0, 13, 750);
        assertThat(PendingAckCodec.timeToCompletionMs(ack(len))).isEqualTo(750);
    }

    @Test
    void statusNames() {
        assertThat(GvcpStatus.nameOf(0x8006)).isEqualTo("ACCESS_DENIED");
        assertThat(GvcpStatus.nameOf(0x8123)).isEqualTo("UNKNOWN_STATUS_0x8123");
        assertThat(GvcpStatus.BAD_ALIGNMENT.isError()).isTrue();
        assertThat(GvcpCodes.commandName(0x0999)).isEqualTo("UNKNOWN_0x0999");
    }
}
