package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.frames.AcquiredFrame;
import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.write.ComponentSpec;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.PartSpec;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link GenDcImageSource} over hand-built frames: selection, stride, and malformed descriptors. */
class GenDcImageSourceTest {
    /** A GenDC frame in host memory: descriptor in flow 0, flows as given. */
    private record FakeFrame(boolean genDc, MemorySegment descriptor, MemorySegment[] flows) implements AcquiredFrame {
        public long frameId() { return 7; }
        public boolean isComplete() { return true; }
        public Enum<?> status() { return Thread.State.NEW; }
        public long timestamp() { return 0; }
        public long receivedNanos() { return 0; }
        public boolean isGenDc() { return genDc; }
        public MemorySegment genDcDescriptor() { return descriptor; }
        public int genDcFlowCount() { return flows.length; }
        public MemorySegment genDcFlow(int i) { return flows[i]; }
        public void release() { }
    }

    private static ContainerSpec spec() {
        // a 1D confidence array first: the source must skip it and take the 2D Intensity image
        return ContainerSpec.builder()
                .add(ComponentSpec.of(ComponentTypeIds.CONFIDENCE, PixelFormat.CONFIDENCE8,
                        PartSpec.array1D(PixelFormat.CONFIDENCE8, 100, 0).withFlow(0)))
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8,
                        PartSpec.image(PixelFormat.MONO8, 30, 10, 2, 0).withFlow(1)))
                .build();
    }

    @Test
    void selectsTheFirst2DPartWithItsStride() throws Exception {
        ContainerSpec spec = spec();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment desc = a.allocate(spec.descriptorSize());
            spec.writeDescriptor(desc);
            MemorySegment flow0 = a.allocate(spec.flowSize(0));
            MemorySegment flow1 = a.allocate(spec.flowSize(1));
            GenDcImageSource s = new GenDcImageSource().select(new FakeFrame(true, desc, new MemorySegment[] {flow0, flow1}));
            assertThat(s.width()).isEqualTo(30);
            assertThat(s.height()).isEqualTo(10);
            assertThat(s.pixelFormat()).isEqualTo(PixelFormat.MONO8.code());
            assertThat(s.strideBytes()).as("30 pixels + PaddingX 2").isEqualTo(32);
            assertThat(s.data().byteSize()).isEqualTo(320);
        }
    }

    @Test
    void malformedInputGivesTypedErrors() throws Exception {
        ContainerSpec spec = spec();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment desc = a.allocate(spec.descriptorSize());
            spec.writeDescriptor(desc);
            MemorySegment flow0 = a.allocate(spec.flowSize(0));
            GenDcImageSource s = new GenDcImageSource();
            assertThatThrownBy(() -> s.select(new FakeFrame(false, desc, new MemorySegment[] {flow0})))
                    .isInstanceOf(GenDcFormatException.class).hasMessageContaining("GenDC container");
            // the image part names flow 1, which this frame does not have
            assertThatThrownBy(() -> s.select(new FakeFrame(true, desc, new MemorySegment[] {flow0})))
                    .isInstanceOf(GenDcFormatException.class).hasMessageContaining("FlowId");
            // flow 1 too short for the part
            assertThatThrownBy(() -> s.select(new FakeFrame(true, desc, new MemorySegment[] {flow0, a.allocate(100)})))
                    .isInstanceOf(GenDcFormatException.class).hasMessageContaining("FlowOffset+DataSize");
            // truncations of the descriptor
            for (long n = 0; n < desc.byteSize(); n += 7) {
                MemorySegment cut = desc.asSlice(0, n);
                assertThatThrownBy(() -> s.select(new FakeFrame(true, cut, new MemorySegment[] {flow0, a.allocate(4096)})))
                        .isInstanceOf(GenDcFormatException.class);
            }
            // random bytes: a typed error or (rarely) a valid selection, never anything else
            long seed = 0x6D0C1L;
            System.out.println("GenDcImageSourceTest seed 0x" + Long.toHexString(seed));
            RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
            MemorySegment junk = a.allocate(desc.byteSize());
            for (int i = 0; i < 2000; i++) {
                MemorySegment.copy(desc, 0, junk, 0, desc.byteSize());
                for (int k = 0; k < 4; k++) {
                    junk.set(ValueLayout.JAVA_BYTE, r.nextLong(junk.byteSize()), (byte) r.nextInt());
                }
                try {
                    s.select(new FakeFrame(true, junk, new MemorySegment[] {flow0, a.allocate(512)}));
                    assertThat(s.data().byteSize()).isLessThanOrEqualTo(512);
                } catch (GenDcFormatException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
    }
}
