package io.gevgate.bridge.cuframes;

import java.nio.file.Path;

import io.gevgate.bridge.memory.SlotMemoryKind;

/**
 * Everything a publisher is created from. Build with {@link #builder}.
 *
 * @param memory       slot memory kind; null = CUDA VMM when a device is present, memfd otherwise
 * @param ackTimeoutMs STRICT_WAIT ack timeout; ≤ 0 waits forever
 */
public record PublisherConfig(CuframesKey key, FrameGeometry geometry, int ringSize, Policy policy, int ackTimeoutMs,
                              SlotMemoryKind memory, int cudaDevice, Path runtimeDir, int handshakeTimeoutMs,
                              boolean shutdownHook) {

    public PublisherConfig {
        if (ringSize < 2 || ringSize > FramesHeader.MAX_RING) {
            throw new CuframesException(CuframesError.INVALID_ARG, "ring size must be 2..16, got " + ringSize);
        }
        if (handshakeTimeoutMs <= 0) {
            throw new CuframesException(CuframesError.INVALID_ARG, "handshake timeout must be > 0 ms, got " + handshakeTimeoutMs);
        }
        if (cudaDevice < 0) {
            throw new CuframesException(CuframesError.INVALID_ARG, "cuda device must be >= 0, got " + cudaDevice);
        }
    }

    public static Builder builder(String key, PixelFormat format, int width, int height) {
        return new Builder(CuframesKey.of(key), format, width, height);
    }

    /** Fluent builder with cuframes' defaults (ring 4, DROP_OLDEST, tight pitch). */
    public static final class Builder {
        private final CuframesKey key;
        private final PixelFormat format;
        private final int width;
        private final int height;
        private int pitchAlignment = 1;
        private int ringSize = 4;
        private Policy policy = Policy.DROP_OLDEST;
        private int ackTimeoutMs = 1000;
        private SlotMemoryKind memory;
        private int cudaDevice;
        private Path runtimeDir;
        private int handshakeTimeoutMs = 5000;
        private boolean shutdownHook = true;

        private Builder(CuframesKey key, PixelFormat format, int width, int height) {
            this.key = key;
            this.format = format;
            this.width = width;
            this.height = height;
        }

        public Builder pitchAlignment(int a) {
            this.pitchAlignment = a;
            return this;
        }

        public Builder ringSize(int n) {
            this.ringSize = n;
            return this;
        }

        public Builder policy(Policy p, int ackTimeoutMs) {
            this.policy = p;
            this.ackTimeoutMs = ackTimeoutMs;
            return this;
        }

        public Builder memory(SlotMemoryKind k) {
            this.memory = k;
            return this;
        }

        public Builder cudaDevice(int d) {
            this.cudaDevice = d;
            return this;
        }

        public Builder runtimeDir(Path dir) {
            this.runtimeDir = dir;
            return this;
        }

        public Builder handshakeTimeoutMs(int ms) {
            this.handshakeTimeoutMs = ms;
            return this;
        }

        public Builder shutdownHook(boolean install) {
            this.shutdownHook = install;
            return this;
        }

        public PublisherConfig build() {
            return new PublisherConfig(key, FrameGeometry.of(format, width, height, pitchAlignment), ringSize, policy,
                    ackTimeoutMs, memory, cudaDevice, RuntimeDirectory.resolve(runtimeDir), handshakeTimeoutMs, shutdownHook);
        }
    }
}
