package io.gevgate.bridge.gpu;

import org.bytedeco.cuda.cudart.CUevent_st;

import static org.bytedeco.cuda.global.cudart.CU_EVENT_DISABLE_TIMING;
import static org.bytedeco.cuda.global.cudart.cuEventCreate;
import static org.bytedeco.cuda.global.cudart.cuEventDestroy;
import static org.bytedeco.cuda.global.cudart.cuEventQuery;
import static org.bytedeco.cuda.global.cudart.cuEventSynchronize;

/**
 * The completion of one submitted frame: two events on the camera's stream, "source released" (the
 * host frame buffer may be refilled by the receiver) and "done" (the outputs are in the slot; the
 * frame may be published). Poll without blocking or wait. Completions are owned by their converter
 * and reused: one stays valid until {@code depth} further frames have been submitted.
 */
public final class GpuCompletion {

    private final GpuConverter owner;
    private final CUevent_st sourceReleased = new CUevent_st();
    private final CUevent_st done = new CUevent_st();
    private long sequence = -1;

    GpuCompletion(GpuConverter owner) {
        this.owner = owner;
        // Timing disabled: such events are the cheapest to record and query (no timestamp write).
        Cuda.check(cuEventCreate(sourceReleased, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
        Cuda.check(cuEventCreate(done, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
    }

    void arm(long seq) {
        this.sequence = seq;
    }

    CUevent_st sourceReleasedEvent() {
        return sourceReleased;
    }

    /** The "done" event, for making another stream wait on this frame (cuStreamWaitEvent) without a host sync. */
    public CUevent_st doneEvent() {
        return done;
    }

    /** The converter's frame counter at submit time (0, 1, 2...); -1 before first use. */
    public long sequence() {
        return sequence;
    }

    /** True when the outputs are complete. Never blocks. */
    public boolean isDone() {
        return query(done, "cuEventQuery(done)");
    }

    /** True when the source buffer is no longer read by the GPU. Never blocks. */
    public boolean isSourceReleased() {
        return query(sourceReleased, "cuEventQuery(source released)");
    }

    /** Blocks until the outputs are complete. */
    public void await() {
        owner.device().makeCurrent();
        Cuda.check(cuEventSynchronize(done), "cuEventSynchronize(done)");
    }

    /** Blocks until the source buffer may be reused. */
    public void awaitSourceReleased() {
        owner.device().makeCurrent();
        Cuda.check(cuEventSynchronize(sourceReleased), "cuEventSynchronize(source released)");
    }

    private boolean query(CUevent_st event, String call) {
        owner.device().makeCurrent();
        int rc = cuEventQuery(event);
        if (rc == Cuda.NOT_READY) {
            return false;
        }
        Cuda.check(rc, call);
        return true;
    }

    void destroy() {
        cuEventDestroy(sourceReleased);
        cuEventDestroy(done);
    }
}
