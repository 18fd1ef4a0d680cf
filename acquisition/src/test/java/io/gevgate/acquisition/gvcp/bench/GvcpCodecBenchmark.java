package io.gevgate.acquisition.gvcp.bench;

import io.gevgate.acquisition.gvcp.codec.AckHeader;
import io.gevgate.acquisition.gvcp.codec.CommandHeader;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import io.gevgate.acquisition.gvcp.codec.PacketResendCodec;
import io.gevgate.acquisition.gvcp.codec.RegisterCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GVCP flyweights on the paths that run often: a READREG command/ack pair (heartbeat, feature
 * polling) and a PACKETRESEND (stream receiver). Run with {@code -prof gc} to see that nothing is
 * allocated per packet. Not part of the test suite; bench/gvcp-codec.sh runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GvcpCodecBenchmark {
    private final ByteBuffer buf = ByteBuffer.allocateDirect(1600);
    private final ByteBuffer ackBuf = ByteBuffer.allocateDirect(1600);
    private final CommandHeader cmd = new CommandHeader();
    private final AckHeader ack = new AckHeader();
    private final PacketResendCodec resend = new PacketResendCodec();
    private final int[] addresses = {0x0A00};
    private final int[] values = {2};
    private int ackLen;

    @Setup
    public void setup() {
        ackLen = RegisterCodec.encodeReadRegAck(ackBuf, 0, 0, 0x1234, values, 1);
    }

    @Benchmark
    public int encodeReadRegCommand() {
        return RegisterCodec.encodeReadRegCommand(buf, 0, GvcpCodes.FLAG_ACK_REQUIRED, 0x1234, addresses, 1);
    }

    @Benchmark
    public int decodeReadRegAck() {
        AckHeader h = ack.wrap(ackBuf, 0, ackLen);
        RegisterCodec.checkReadRegAck(h, 1);
        return RegisterCodec.readRegAckValue(h, 0) + h.ackId();
    }

    @Benchmark
    public long packetResendRoundTrip() {
        int len = PacketResendCodec.encode(buf, 0, 7, 0, 0x1_0000_0001L, 10, 20, true);
        return resend.wrap(cmd.wrap(buf, 0, len)).blockId();
    }
}
