package io.gevgate.acquisition.roce;

/**
 * Where the device writes one GenDC flow: a memory region (remote key, base address as the device
 * must put it in RETH.VirtualAddress) cut into {@code pageCount} pages of {@code pageSize} bytes;
 * page {@code p} starts at {@code baseAddress + p * pageSize}.
 */
public record RdmaFlowTarget(int rkey, long baseAddress, long pageSize) {
    public RdmaFlowTarget {
        if (pageSize < 128 || pageSize % 128 != 0) {
            throw new IllegalArgumentException("page size must be a positive multiple of 128, got " + pageSize);
        }
        if (baseAddress < 0) {
            throw new IllegalArgumentException("base address must be >= 0 (63-bit IOVA), got " + baseAddress);
        }
    }
}
