package io.gevgate.bridge.gpu;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.cuda.global.cudart.cuGetErrorName;
import static org.bytedeco.cuda.global.cudart.cuGetErrorString;

/** Result checking for driver API calls. Touching this class loads JavaCPP's CUDA natives. */
final class Cuda {

    /** CUDA_ERROR_NOT_READY: an event or stream has not completed yet (not an error for queries). */
    static final int NOT_READY = 600;

    private Cuda() {
    }

    static void check(int rc, String call) {
        if (rc != 0) {
            throw new GpuException(call, rc, describe(rc));
        }
    }

    static String describe(int rc) {
        BytePointer name = new BytePointer((Pointer) null);
        BytePointer text = new BytePointer((Pointer) null);
        String n = cuGetErrorName(rc, name) == 0 && !name.isNull() ? name.getString() : "CUresult " + rc;
        String t = cuGetErrorString(rc, text) == 0 && !text.isNull() ? text.getString() : "";
        return t.isEmpty() ? n : n + ": " + t;
    }

    /** A JavaCPP pointer whose address is a raw host address (no ownership). */
    static Pointer hostPointer(long hostAddress) {
        // Not named "address": inside the anonymous subclass that name is Pointer's own field.
        return new Pointer() {
            {
                this.address = hostAddress;
            }
        };
    }
}
