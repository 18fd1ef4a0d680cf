package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.roce.codec.FrameMetadata;
import io.gevgate.acquisition.roce.codec.RdmaImmediate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One stream's RDMA destination as the host programs it into the device (see
 * {@code docs/rdma-profile.md}): our queue pair, path MTU, the page count shared by all flows,
 * and one {@link RdmaFlowTarget} per GenDC flow (flow 0 holds the descriptor and, in the last
 * {@value FrameMetadata#LENGTH} bytes of each flow-0 page, the frame's metadata record), plus the
 * endpoints: the device's IP and UDP source port, the host's IP, and UDP port 4791.
 */
public record RdmaProfile(int queuePair, int pathMtu, int pageCount, List<RdmaFlowTarget> flows,
                          String deviceIp, int deviceSourcePort, String hostIp, int udpPort) {
    public static final int ROCE_V2_PORT = 4791;
    public static final int MAX_FLOWS = 16;

    public RdmaProfile {
        if (queuePair < 1 || queuePair > 0xFF_FFFF) {
            throw new IllegalArgumentException("queue pair must be 1..0xFFFFFF, got " + queuePair);
        }
        if (pathMtu != 256 && pathMtu != 512 && pathMtu != 1024 && pathMtu != 2048 && pathMtu != 4096) {
            throw new IllegalArgumentException("path MTU must be 256, 512, 1024, 2048 or 4096, got " + pathMtu);
        }
        if (pageCount < 1 || pageCount > RdmaImmediate.MAX_PAGES) {
            throw new IllegalArgumentException("page count must be 1.." + RdmaImmediate.MAX_PAGES + ", got " + pageCount);
        }
        flows = List.copyOf(flows);
        if (flows.isEmpty() || flows.size() > MAX_FLOWS) {
            throw new IllegalArgumentException("1.." + MAX_FLOWS + " flows, got " + flows.size());
        }
        if (flows.get(0).pageSize() < 2L * FrameMetadata.LENGTH) {
            throw new IllegalArgumentException("flow 0 pages hold the descriptor and the metadata record: >= 256 bytes");
        }
        Set<Integer> keys = new HashSet<>();
        for (RdmaFlowTarget f : flows) {
            if (!keys.add(f.rkey())) {
                throw new IllegalArgumentException("each flow needs its own rkey; duplicate 0x" + Integer.toHexString(f.rkey()));
            }
            if (Math.multiplyHigh(f.pageSize(), pageCount) != 0 || f.baseAddress() + f.pageSize() * pageCount < 0) {
                throw new IllegalArgumentException("flow region overflows 63 bits");
            }
        }
        if (deviceSourcePort < 1 || deviceSourcePort > 65535 || udpPort < 1 || udpPort > 65535) {
            throw new IllegalArgumentException("UDP ports must be 1..65535");
        }
    }

    public int flowCount() {
        return flows.size();
    }

    public RdmaFlowTarget flow(int i) {
        return flows.get(i);
    }

    /** Offset of the metadata record inside each flow-0 page. */
    public long metadataOffset() {
        return flows.get(0).pageSize() - FrameMetadata.LENGTH;
    }

    /** Bytes of flow {@code i}'s region (all its pages). */
    public long regionSize(int i) {
        return flows.get(i).pageSize() * pageCount;
    }

    /** The same profile with other endpoints (e.g. once the device's source port is known). */
    public RdmaProfile withEndpoints(String newDeviceIp, int newSourcePort, String newHostIp, int newUdpPort) {
        return new RdmaProfile(queuePair, pathMtu, pageCount, flows, newDeviceIp, newSourcePort, newHostIp, newUdpPort);
    }
}
