package io.gevgate.bridge.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gevgate.linux.Libc;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Tag("gpu")
class CudaVmmSlotMemoryGpuTest {
    @BeforeAll
    static void needsCuda() {
        assumeTrue(SlotMemories.cudaAvailable(), "no CUDA device (gpu-tagged test)");
    }

    @Test
    void allocatesGranularityRoundedExportableSlots() {
        long gran = CudaVmmSlotMemory.granularity(0);
        System.out.println("VMM granularity " + gran);
        assertThat(gran).isPositive();
        try (CudaVmmSlotMemory m = CudaVmmSlotMemory.allocate(0, 3, 3_110_400);
             Arena a = Arena.ofConfined()) {
            assertThat(m.slotSize() % gran).isZero();
            assertThat(m.slotSize()).isGreaterThanOrEqualTo(3_110_400).isLessThan(3_110_400 + gran);
            assertThat(m.exportFds()).hasSize(3).doesNotContain(-1);
            assertThat(SlotMemories.defaultKind()).isEqualTo(SlotMemoryKind.CUDA_VMM);
            GpuPatternKernel k = new GpuPatternKernel(0);
            MemorySegment host = a.allocate(3_110_400);
            for (int slot = 0; slot < 3; slot++) {
                k.fill(m.pointer(slot), 40 + slot, 3_110_400);
            }
            m.synchronize();
            for (int slot = 0; slot < 3; slot++) {
                m.download(slot, 0, host);
                for (long i = 0; i < host.byteSize(); i += 4099) {
                    assertThat(host.get(JAVA_BYTE, i)).isEqualTo((byte) ((40 + slot) * 31 + i * 7 + (i >>> 9)));
                }
            }
            MemorySegment up = a.allocate(4096).fill((byte) 0x5A);
            m.upload(1, 8192, up);
            MemorySegment back = a.allocate(4096);
            m.download(1, 8192, back);
            assertThat(back.mismatch(up)).isEqualTo(-1);
        }
        assertThat(Libc.getpid()).isPositive();
    }
}
