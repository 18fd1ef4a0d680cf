package io.gevgate.gendc.write;

import io.gevgate.gendc.pfnc.PixelFormat;
import java.util.List;

/**
 * One component of a container to write.
 *
 * @param typeId        SFNC ComponentIDValue ({@link io.gevgate.gendc.ComponentTypeIds})
 * @param format        PFNC code of the whole component (RGB8_Planar for three planes, Data8 for metadata)
 * @param invalid       the component's Invalid flag (the container then sets ComponentInvalid)
 * @param groupId       GroupId (0xFFFF: relates to all)
 * @param sourceId      SourceId
 * @param regionId      RegionId
 * @param regionOffsetX RegionOffsetX
 * @param regionOffsetY RegionOffsetY
 * @param timestamp     ns, non-negative
 * @param parts         at least one, at most 65535 parts
 */
public record ComponentSpec(long typeId, int format, boolean invalid, int groupId, int sourceId, int regionId,
        long regionOffsetX, long regionOffsetY, long timestamp, List<PartSpec> parts) {

    public ComponentSpec {
        Checks.range("groupId", groupId, 0xFFFF);
        Checks.range("sourceId", sourceId, 0xFFFF);
        Checks.range("regionId", regionId, 0xFFFF);
        Checks.range("regionOffsetX", regionOffsetX, 0xFFFF_FFFFL);
        Checks.range("regionOffsetY", regionOffsetY, 0xFFFF_FFFFL);
        Checks.nonNegative("timestamp", timestamp);
        parts = List.copyOf(parts);
        if (parts.size() > 0xFFFF) {
            throw new IllegalArgumentException("at most 65535 parts, got " + parts.size());
        }
    }

    /** A valid component of {@code typeId} with the given parts, all ids and offsets 0. */
    public static ComponentSpec of(long typeId, PixelFormat format, PartSpec... parts) {
        return of(typeId, format.code(), parts);
    }

    public static ComponentSpec of(long typeId, int format, PartSpec... parts) {
        return new ComponentSpec(typeId, format, false, 0, 0, 0, 0, 0, 0, List.of(parts));
    }

    public ComponentSpec withIds(int newGroupId, int newSourceId, int newRegionId) {
        return new ComponentSpec(typeId, format, invalid, newGroupId, newSourceId, newRegionId, regionOffsetX,
                regionOffsetY, timestamp, parts);
    }

    public ComponentSpec withRegionOffset(long x, long y) {
        return new ComponentSpec(typeId, format, invalid, groupId, sourceId, regionId, x, y, timestamp, parts);
    }

    public ComponentSpec withTimestamp(long ns) {
        return new ComponentSpec(typeId, format, invalid, groupId, sourceId, regionId, regionOffsetX,
                regionOffsetY, ns, parts);
    }

    public ComponentSpec withInvalid(boolean value) {
        return new ComponentSpec(typeId, format, value, groupId, sourceId, regionId, regionOffsetX,
                regionOffsetY, timestamp, parts);
    }

    public ComponentSpec withParts(List<PartSpec> newParts) {
        return new ComponentSpec(typeId, format, invalid, groupId, sourceId, regionId, regionOffsetX,
                regionOffsetY, timestamp, newParts);
    }
}
