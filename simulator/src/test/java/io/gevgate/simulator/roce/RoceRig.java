package io.gevgate.simulator.roce;

import io.gevgate.acquisition.roce.RdmaFlowTarget;
import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.RoceFrame;
import io.gevgate.acquisition.roce.SoftRoceConfig;
import io.gevgate.acquisition.roce.codec.FrameMetadata;
import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.PartView;
import io.gevgate.gendc.write.ComponentSpec;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.PartSpec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared test setup: a three-component GenDC container over three flows, and its profile. */
final class RoceRig {
    static final int QP = 0x000123;

    private RoceRig() {
    }

    /**
     * Intensity Mono8 in flow 1, Range Coord3D_C16 in flow 2, Confidence8 in flow 0 (after the
     * descriptor): several components, several flows, data in flow 0 too.
     */
    /**
     * The receiver settings for a loss-free run: a frame must not time out because the emitting
     * thread was descheduled mid-frame for longer than the default 200 ms on a loaded machine, so
     * the frame timeout is 10 s (such runs check that every frame arrives whole).
     */
    static SoftRoceConfig lossFree(SoftRoceConfig c) {
        return new SoftRoceConfig(c.profile(), c.batchSize(), c.receiveBufferBytes(), c.checkIcrc(), c.deliverIncomplete(),
                Duration.ofSeconds(10), c.threadName());
    }

    static ContainerSpec container(int w, int h) {
        return ContainerSpec.builder()
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8,
                        PartSpec.image(PixelFormat.MONO8, w, h).withFlow(1)))
                .add(ComponentSpec.of(ComponentTypeIds.RANGE, PixelFormat.COORD3D_C16,
                        PartSpec.image(PixelFormat.COORD3D_C16, w, h).withFlow(2)))
                .add(ComponentSpec.of(ComponentTypeIds.CONFIDENCE, PixelFormat.CONFIDENCE8,
                        PartSpec.image(PixelFormat.CONFIDENCE8, w, h / 2).withFlow(0)))
                .build();
    }

    static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    /** Pages sized to the flows (flow 0 with room for the metadata record), region IOVAs 0 like hololink. */
    static RdmaProfile profile(ContainerSpec spec, int mtu, int pages, String deviceIp, int devicePort, String hostIp) {
        RdmaFlowTarget f0 = new RdmaFlowTarget(0x1000, 0, align(spec.flowSize(0) + FrameMetadata.LENGTH, 4096));
        RdmaFlowTarget f1 = new RdmaFlowTarget(0x1001, 0x10_0000_0000L, align(spec.flowSize(1), 4096));
        RdmaFlowTarget f2 = new RdmaFlowTarget(0x1002, 0x20_0000_0000L, align(spec.flowSize(2), 4096));
        return new RdmaProfile(QP, mtu, pages, List.of(f0, f1, f2), deviceIp, devicePort, hostIp, RdmaProfile.ROCE_V2_PORT);
    }

    /** Checks a frame bit-exactly against what the emitter's default pattern must have produced. */
    static void verifyBitExact(RoceFrame f, ContainerSpec spec) throws GenDcFormatException {
        assertThat(f.isComplete()).as("status of %s", f).isTrue();
        long n = f.frameNumber();
        ContainerView c = f.genDc();
        assertThat(c.id()).as("container id = frame number").isEqualTo(n);
        assertThat(c.componentCount()).isEqualTo(spec.components().size());
        try (Arena a = Arena.ofConfined()) {
            MemorySegment want = a.allocate(spec.descriptorSize());
            spec.writeDescriptor(want, n, f.firstDataTimestamp());
            assertThat(f.flow(0).asSlice(0, spec.descriptorSize()).mismatch(want)).as("descriptor bytes").isEqualTo(-1);
            ComponentView cv = new ComponentView();
            for (int ci = 0; ci < c.componentCount(); ci++) {
                c.component(ci, cv);
                for (int pi = 0; pi < cv.partCount(); pi++) {
                    PartView pv = cv.part(pi);
                    MemorySegment got = f.partData(pv);
                    MemorySegment exp = a.allocate(Math.max(1, pv.dataSize())).asSlice(0, pv.dataSize());
                    RocePacketizer.pattern(n, ci, pi, exp);
                    assertThat(got.mismatch(exp)).as("frame %d component %d part %d", n, ci, pi).isEqualTo(-1);
                }
            }
        }
    }
}
