package io.gevgate.bridge.gpu;

/**
 * No usable CUDA device: the message is "no CUDA device: &lt;reason&gt;" so the gateway can print it
 * and fall back to the CPU conversion path.
 */
public final class GpuUnavailableException extends RuntimeException {

    public GpuUnavailableException(String reason, Throwable cause) {
        super("no CUDA device: " + reason, cause);
    }
}
