package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.genapi.Features;
import io.gevgate.acquisition.roce.codec.InvariantCrc;

/**
 * Host side of the profile's GenICam features (docs/rdma-profile.md §2), on any {@link Features}
 * (the GenApi engine's NodeMap of a connected device): detect the profile, read the flow sizes the
 * pages must hold, program the destination, read the device's source port, enable/disable. What
 * {@code camera.setParameter("UseRdma", "1")} / {@code gevgate run --rdma} call.
 */
public final class RdmaDeviceSetup {
    private RdmaDeviceSetup() {
    }

    /** The device implements profile version 1.x. */
    public static boolean offersProfile(Features f) {
        return f.has(RdmaFeatures.PROFILE_VERSION) && (f.getInteger(RdmaFeatures.PROFILE_VERSION) >>> 16) == 1;
    }

    /** Bytes the device writes per page into each flow (index = flow id). */
    public static long[] flowSizes(Features f) {
        int n = (int) f.getInteger(RdmaFeatures.FLOW_COUNT);
        if (n < 1 || n > RdmaProfile.MAX_FLOWS) {
            throw new IllegalStateException(RdmaFeatures.FLOW_COUNT + " = " + n + ", expected 1.." + RdmaProfile.MAX_FLOWS);
        }
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            f.setInteger(RdmaFeatures.FLOW_SELECTOR, i);
            sizes[i] = f.getInteger(RdmaFeatures.FLOW_SIZE);
        }
        return sizes;
    }

    /** Writes the destination (QP, host IP, MTU, pages, per-flow rkey/base/page size). Does not enable. */
    public static void program(Features f, RdmaProfile p) {
        f.setInteger(RdmaFeatures.QUEUE_PAIR, p.queuePair());
        f.setInteger(RdmaFeatures.DESTINATION_IP, Integer.toUnsignedLong(InvariantCrc.ipv4(p.hostIp())));
        f.setInteger(RdmaFeatures.PATH_MTU, p.pathMtu());
        f.setInteger(RdmaFeatures.PAGE_COUNT, p.pageCount());
        for (int i = 0; i < p.flowCount(); i++) {
            f.setInteger(RdmaFeatures.FLOW_SELECTOR, i);
            f.setInteger(RdmaFeatures.FLOW_REMOTE_KEY, Integer.toUnsignedLong(p.flow(i).rkey()));
            f.setInteger(RdmaFeatures.FLOW_BASE_ADDRESS, p.flow(i).baseAddress());
            f.setInteger(RdmaFeatures.FLOW_PAGE_SIZE, p.flow(i).pageSize());
        }
    }

    /** The UDP source port the device sends from (the soft engine's ICRC needs it). */
    public static int sourcePort(Features f) {
        return (int) f.getInteger(RdmaFeatures.SOURCE_PORT);
    }

    public static void enable(Features f, boolean on) {
        f.setInteger(RdmaFeatures.ENABLE, on ? 1 : 0);
    }
}
