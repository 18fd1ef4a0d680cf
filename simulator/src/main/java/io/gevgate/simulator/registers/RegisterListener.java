package io.gevgate.simulator.registers;

/**
 * Called after a register was written (by GVCP or by another simulator component), with the old
 * and the new value; runs on the writer's thread after the value is stored (outside the space's lock), so
 * it may read or set other registers; it must be quick because the GVCP thread waits for it. A stream emitter hooks SCPx, SCDAx,
 * AcquisitionStart/Stop here.
 */
@FunctionalInterface
public interface RegisterListener {
    void onWrite(int address, int oldValue, int newValue);
}
