package io.gevgate.acquisition.roce;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The memory the device writes into: one region per GenDC flow, {@code pageCount} pages each. The
 * soft engine places payload here after its bounds checks; the verbs engine registers the same
 * regions with the NIC. Regions come from the caller (pinned host memory, a GPU mapping) or are
 * allocated here in host memory, 4 KiB aligned.
 */
public final class RegisteredPages {
    private final RdmaProfile profile;
    private final MemorySegment[] regions;
    private final MemorySegment[][] pages;

    /** Allocates host memory for every flow (an automatic arena: frames may outlive the receiver). */
    public static RegisteredPages allocate(RdmaProfile profile) {
        Arena arena = Arena.ofAuto();
        MemorySegment[] regions = new MemorySegment[profile.flowCount()];
        for (int f = 0; f < regions.length; f++) {
            regions[f] = arena.allocate(profile.regionSize(f), 4096);
        }
        return new RegisteredPages(profile, regions);
    }

    /** Uses caller-provided regions; region {@code f} must hold {@link RdmaProfile#regionSize(int)} bytes. */
    public RegisteredPages(RdmaProfile profile, MemorySegment[] regions) {
        if (regions.length != profile.flowCount()) {
            throw new IllegalArgumentException(profile.flowCount() + " regions needed, " + regions.length + " given");
        }
        this.profile = profile;
        this.regions = regions.clone();
        this.pages = new MemorySegment[regions.length][profile.pageCount()];
        for (int f = 0; f < regions.length; f++) {
            if (regions[f].byteSize() < profile.regionSize(f)) {
                throw new IllegalArgumentException("region " + f + " has " + regions[f].byteSize() + " bytes, needs "
                        + profile.regionSize(f));
            }
            long size = profile.flow(f).pageSize();
            for (int p = 0; p < profile.pageCount(); p++) {
                pages[f][p] = regions[f].asSlice(p * size, size);
            }
        }
    }

    public RdmaProfile profile() {
        return profile;
    }

    public MemorySegment region(int flow) {
        return regions[flow];
    }

    /** Page {@code page} of flow {@code flow} (a preallocated slice: no allocation). */
    public MemorySegment page(int flow, int page) {
        return pages[flow][page];
    }
}
