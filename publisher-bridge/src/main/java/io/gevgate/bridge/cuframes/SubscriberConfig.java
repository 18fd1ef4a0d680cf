package io.gevgate.bridge.cuframes;

import java.nio.file.Path;

/**
 * How a subscriber connects.
 *
 * @param connectTimeoutMs 0 = fail at once (NOT_FOUND), &lt; 0 = retry forever, else TIMEOUT after it
 * @param pollIntervalNs   sleep between header polls while waiting in next() (cuframes: 50 µs)
 * @param spinNs           busy-spin this long before the first sleep (0 = never spin)
 */
public record SubscriberConfig(CuframesKey key, String consumerName, SubscriberMode mode, int cudaDevice,
                               int connectTimeoutMs, Path runtimeDir, int handshakeTimeoutMs,
                               long pollIntervalNs, long spinNs) {

    public SubscriberConfig {
        if (consumerName == null) {
            consumerName = "gevgate-" + ProcessHandle.current().pid();
        }
        if (consumerName.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Messages.MAX_NAME) {
            byte[] b = consumerName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            consumerName = new String(b, 0, Messages.MAX_NAME, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (pollIntervalNs < 1_000 || spinNs < 0) {
            throw new CuframesException(CuframesError.INVALID_ARG, "poll interval must be >= 1 us and spin >= 0");
        }
    }

    public static SubscriberConfig of(String key) {
        return builder(key).build();
    }

    public static Builder builder(String key) {
        return new Builder(CuframesKey.of(key));
    }

    public static final class Builder {
        private final CuframesKey key;
        private String name;
        private SubscriberMode mode = SubscriberMode.NEWEST_ONLY;
        private int cudaDevice;
        private int connectTimeoutMs = 5000;
        private Path runtimeDir;
        private int handshakeTimeoutMs = 5000;
        private long pollIntervalNs = 50_000;
        private long spinNs;

        private Builder(CuframesKey key) {
            this.key = key;
        }

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        public Builder mode(SubscriberMode m) {
            this.mode = m;
            return this;
        }

        public Builder cudaDevice(int d) {
            this.cudaDevice = d;
            return this;
        }

        public Builder connectTimeoutMs(int ms) {
            this.connectTimeoutMs = ms;
            return this;
        }

        public Builder runtimeDir(Path d) {
            this.runtimeDir = d;
            return this;
        }

        public Builder handshakeTimeoutMs(int ms) {
            this.handshakeTimeoutMs = ms;
            return this;
        }

        public Builder pollIntervalNs(long ns) {
            this.pollIntervalNs = ns;
            return this;
        }

        public Builder spinNs(long ns) {
            this.spinNs = ns;
            return this;
        }

        public SubscriberConfig build() {
            return new SubscriberConfig(key, name, mode, cudaDevice, connectTimeoutMs,
                    RuntimeDirectory.resolve(runtimeDir), handshakeTimeoutMs, pollIntervalNs, spinNs);
        }
    }
}
