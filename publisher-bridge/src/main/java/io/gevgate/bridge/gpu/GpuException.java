package io.gevgate.bridge.gpu;

/** A CUDA driver or NVRTC call failed: names the call and the result code (and its text when known). */
public class GpuException extends RuntimeException {

    private final int code;

    public GpuException(String call, int code, String detail) {
        super(call + " failed: " + code + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.code = code;
    }

    public GpuException(String message, Throwable cause) {
        super(message, cause);
        this.code = -1;
    }

    /** The CUresult / nvrtcResult, or -1 when the failure had no result code. */
    public int code() {
        return code;
    }
}
