package io.gevgate.acquisition.roce;

import java.time.Duration;

/**
 * Settings of the soft-RoCE receiver.
 *
 * @param profile            the destination the device was told (QP, flows, pages, endpoints)
 * @param batchSize          datagrams per {@code recvmmsg}
 * @param receiveBufferBytes SO_RCVBUF to ask for
 * @param checkIcrc          verify every packet's ICRC (off only for measurements)
 * @param deliverIncomplete  hand incomplete frames to the consumer (with their status) or only count them
 * @param frameTimeout       an open frame with no packet for this long is closed incomplete
 * @param threadName         receive thread name
 */
public record SoftRoceConfig(RdmaProfile profile, int batchSize, int receiveBufferBytes, boolean checkIcrc,
                             boolean deliverIncomplete, Duration frameTimeout, String threadName) {
    public SoftRoceConfig {
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batch size must be 1..1024, got " + batchSize);
        }
        if (receiveBufferBytes < 4096) {
            throw new IllegalArgumentException("receive buffer must be >= 4096, got " + receiveBufferBytes);
        }
        if (frameTimeout.isNegative() || frameTimeout.isZero()) {
            throw new IllegalArgumentException("frame timeout must be > 0");
        }
    }

    public static SoftRoceConfig of(RdmaProfile profile) {
        return new SoftRoceConfig(profile, 64, 32 << 20, true, true, Duration.ofMillis(200), "soft-roce-rx");
    }

    public SoftRoceConfig withFrameTimeout(Duration timeout) {
        return new SoftRoceConfig(profile, batchSize, receiveBufferBytes, checkIcrc, deliverIncomplete, timeout, threadName);
    }

    public SoftRoceConfig withDeliverIncomplete(boolean on) {
        return new SoftRoceConfig(profile, batchSize, receiveBufferBytes, checkIcrc, on, frameTimeout, threadName);
    }

    public SoftRoceConfig withCheckIcrc(boolean on) {
        return new SoftRoceConfig(profile, batchSize, receiveBufferBytes, on, deliverIncomplete, frameTimeout, threadName);
    }

    public SoftRoceConfig withReceiveBufferBytes(int bytes) {
        return new SoftRoceConfig(profile, batchSize, bytes, checkIcrc, deliverIncomplete, frameTimeout, threadName);
    }
}
